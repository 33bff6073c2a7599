/**
 * The few web-standard globals the core uses, which every runtime it runs in (Node, the
 * browser's web worker) provides. The core's tsconfig has `types: []` and `lib: ["ES2022"]`,
 * so nothing else of Node or the DOM type-checks here; add a global only with that guarantee.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  readonly hostname: string;
}
