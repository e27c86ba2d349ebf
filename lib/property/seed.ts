/** Today's seed, for runs that fix none: the date as YYYYMMDD (the nightly prints and reuses it). */
export const derivedSeed = (): number => Number(new Date().toISOString().slice(0, 10).replace(/-/g, ''));
