import { BeforeInsert, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** A new id: time-ordered UUIDv7, made in the app so inserts stay index-friendly. */
export const newId = (): string => uuidv7();

/** Id and creation time, for rows that are never updated in place (sessions, comments). */
export abstract class CreatedEntity {
  @PrimaryColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= newId();
  }
}

/** Id, creation and last-update time. */
export abstract class TimestampedEntity extends CreatedEntity {
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
