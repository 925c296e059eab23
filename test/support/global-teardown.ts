/** Stops what global-setup started (nothing, when the URLs came from the environment). */
export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { deskbaseStops?: Array<() => Promise<void>> }).deskbaseStops ?? [];
  for (const stop of stops.reverse()) await stop();
}
