import type { ServicePlugin } from './define.ts';
import { accessories } from './accessories/manifest.ts';
import { booking } from './booking/manifest.ts';
import { carWash } from './car-wash/manifest.ts';
import { inspection } from './inspection/manifest.ts';
import { insuranceQuote } from './insurance-quote/manifest.ts';
import { keyOrRental } from './key-or-rental/manifest.ts';
import { newCar } from './new-car/manifest.ts';
import { pickup } from './pickup/manifest.ts';
import { rescue } from './rescue/manifest.ts';
import { tradeIn } from './trade-in/manifest.ts';
import { violations } from './violations/manifest.ts';
import { warranty } from './warranty/manifest.ts';

/**
 * The registry of 车业务: one line per service, in the order the owner app shows the tiles. Adding a service is a
 * folder here (its manifest and optional hooks) and a line in this list (docs/services.md).
 */
export const catalogue: readonly ServicePlugin[] = [
  rescue,
  booking,
  pickup,
  insuranceQuote,
  inspection,
  violations,
  newCar,
  tradeIn,
  warranty,
  carWash,
  accessories,
  keyOrRental,
];

export const pluginOf = (id: string): ServicePlugin | undefined => catalogue.find((s) => s.id === id);
