import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type Metadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<MetadataStorage['groupByPropertyName']>;

const CACHED = Symbol('validationMetadataCached');

/**
 * class-validator looks up a class's rules on every `validate()`: it walks every validated
 * class of the process (an `instanceof` test each, for inherited rules) and groups the result
 * by property, about 20 µs a request. Rules are fixed once the classes are loaded, so the
 * lookup for the pipe's options (no groups, no schema) is kept per class, and the grouping per
 * lookup; a rule registered later (a class loaded late) empties the cache. Other options pass
 * through to class-validator.
 */
export function cacheValidationMetadataLookups(): void {
  const storage = getMetadataStorage() as MetadataStorage & { [CACHED]?: true };
  if (storage[CACHED]) return;
  storage[CACHED] = true;

  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  let byClass = new WeakMap<object, Metadatas>();
  let byLookup = new WeakMap<Metadatas, Grouped>();

  storage.addValidationMetadata = (metadata) => {
    byClass = new WeakMap();
    byLookup = new WeakMap();
    register(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (schema || always || strictGroups || (groups && groups.length > 0)) {
      return lookUp(target, schema, always, strictGroups, groups);
    }
    let metadatas = byClass.get(target);
    if (!metadatas) byClass.set(target, (metadatas = lookUp(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  storage.groupByPropertyName = (metadatas) => {
    let grouped = byLookup.get(metadatas);
    if (!grouped) byLookup.set(metadatas, (grouped = group(metadatas)));
    return grouped;
  };
}
