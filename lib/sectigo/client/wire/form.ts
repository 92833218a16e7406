/** Builds `application/x-www-form-urlencoded` bodies; skips absent values. */
export class FormBody {
  private readonly params: Array<[string, string]> = [];

  set(name: string, value: string | number | boolean | undefined | null): this {
    if (value === undefined || value === null) return this;
    const text = typeof value === "boolean" ? yn(value) : String(value);
    this.params.push([name, text]);
    return this;
  }

  entries(): ReadonlyArray<readonly [string, string]> {
    return this.params;
  }

  toString(): string {
    return new URLSearchParams(this.params).toString();
  }
}

export function yn(flag: boolean): "Y" | "N" {
  return flag ? "Y" : "N";
}

export function commaList(values: ReadonlyArray<string | number> | undefined): string | undefined {
  return values && values.length > 0 ? values.join(",") : undefined;
}

/** UNIX seconds, as WebHostReport's notBefore/notAfter expect. */
export function unixSeconds(date: Date | undefined): number | undefined {
  return date ? Math.floor(date.getTime() / 1000) : undefined;
}
