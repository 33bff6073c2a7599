import { config } from 'zod/mini';
import { en } from 'zod/locales';

/**
 * The core's schemas use zod/mini (tree-shakable: the web worker is 60 KB smaller than with
 * full zod). Full zod loads its English messages itself; zod/mini leaves them to the app.
 * The messages no schema words itself ("Too big: expected int to be <=9007199254740991",
 * "Invalid input") reach authors through meta-invalid and template-invalid, so they stay English.
 */
config(en());
