/** `{year}`, `{direction.name}`… filled from a flat map; an unknown placeholder is a template error. */
export type Values = Readonly<Record<string, string | number>>;

export class UnknownPlaceholderError extends Error {
  constructor(
    readonly placeholder: string,
    readonly label: string,
  ) {
    super(`неизвестная подстановка {${placeholder}} в строке «${label}»`);
  }
}

export function fill(label: string, values: Values): string {
  return label.replace(/\{([a-z_.]+)\}/gi, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new UnknownPlaceholderError(name, label);
    return String(v);
  });
}

export function placeholdersOf(label: string): string[] {
  return [...label.matchAll(/\{([a-z_.]+)\}/gi)].map((m) => m[1]!);
}
