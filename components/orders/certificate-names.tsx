/**
 * The names an order item covers (issue 17 item 8): the one it is known by, then every other name of
 * its certificate (the CSR's common name and subject alternative names), each marked with its source.
 */
const SOURCE: Record<string, string> = { CN: "common name", SAN: "alternative name", FIELD: "domain" };

export function CertificateNames({ primary, names }: { primary: string | null; names: Array<{ domainName: string; source: string }> }) {
  const known = primary ?? names[0]?.domainName;
  if (!known) return <>—</>;
  const others = names.filter((n) => n.domainName !== known);
  return (
    <>
      {known}
      {others.length > 0 ? (
        <ul aria-label="Other names on the certificate" className="mt-1 space-y-0.5 text-xs text-slate-600">
          {others.map((n) => (
            <li key={n.domainName}>
              {n.domainName} <span className="text-slate-500">({SOURCE[n.source] ?? n.source})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
