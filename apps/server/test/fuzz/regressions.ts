import type { FuzzRequest } from './requests.ts';
import type { Caller, World } from './world.ts';

/** Requests the fuzzer once failed on, kept as fixed cases (each names the fix). */
export type Regression = { name: string; as: Caller; request: FuzzRequest; expect?: number };

export const regressions = (w: World): Regression[] => {
  void w;
  return [];
};
