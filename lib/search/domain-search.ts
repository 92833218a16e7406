import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Finding a domain by a part of it through an index, whatever the part's trigrams (issue 8; reusable
 * for License.domainName, issue 10).
 *
 * The SQL function `domain_search_tokens(domain)` (migration 20261122070500_domain_label_search)
 * turns a domain into its labels, each forward and reversed (marked "!"):
 * "blog.acme.co.uk" -> {blog, !golb, acme, !emca, co, !oc, uk, !ku}. A GIN index on that
 * expression finds a label exactly, by its start (a tsquery prefix `'acme':*`) or by its end (the
 * reversed label's start `'!emca':*`), so:
 * - a term without a dot matches a domain with a label that starts or ends with it: "blog" finds
 *   "blog.acme.com", "acme" finds "www.acme.co.uk", "shop" finds "myshop.example.com";
 * - a term with dots ("acme.co", "shop.example.com") is cut at its dots: its first piece must end
 *   a label, its last piece start one and the pieces between be whole labels. The index looks up
 *   the longest piece (the most telling one), and the whole term is then checked as a substring;
 * - a term that is only a fragment from inside one label ("cme" in "acme") is not found here:
 *   that is pg_trgm's job (the caller's fallback).
 * A term with a character no domain has (space, quote, backslash, %, ...) matches nothing here.
 * Everything is lowercased by PostgreSQL's lower(), on both sides, so the index and the term agree.
 */

/** Labels longer than this are indexed by their first (and last) LABEL_CHARS characters. */
export const LABEL_CHARS = 200;

/** Letters, digits and marks of any script, "-" and "_" (service labels), "." between labels. */
const DOMAIN_TERM = /^[\p{L}\p{N}\p{M}_.-]+$/u;

export type LabelPieceKind = "label" | "start" | "end" | "startOrEnd";

/** The one piece of a term the index looks up, and how it must sit in a label. */
export interface LabelPiece {
  piece: string;
  kind: LabelPieceKind;
}

/**
 * The piece of `term` to look up in the label index, or undefined when the term cannot be part of
 * a domain (or has no piece: ".", "..").
 */
export function labelPieceOf(term: string): LabelPiece | undefined {
  if (!DOMAIN_TERM.test(term)) return undefined;
  const pieces = term.split(".");
  if (pieces.length === 1) return { piece: term, kind: "startOrEnd" };
  const last = pieces.length - 1;
  let best: LabelPiece | undefined;
  pieces.forEach((piece, k) => {
    if (piece === "") return;
    const kind: LabelPieceKind = k === 0 ? "end" : k === last ? "start" : "label";
    // The longest piece; on a tie a whole label (one exact entry) beats a start or an end.
    if (!best || piece.length > best.piece.length || (piece.length === best.piece.length && kind === "label" && best.kind !== "label")) {
      best = { piece, kind };
    }
  });
  return best;
}

function startQuery(piece: string): Prisma.Sql {
  return Prisma.sql`(('''' || left(lower(${piece}::text), ${LABEL_CHARS}::int) || ''':*')::tsquery)`;
}

function endQuery(piece: string): Prisma.Sql {
  return Prisma.sql`(('''!' || left(reverse(lower(${piece}::text)), ${LABEL_CHARS}::int) || ''':*')::tsquery)`;
}

/** The tsquery for a piece (the term passed DOMAIN_TERM: no quote or backslash can reach the cast). */
function pieceQuery({ piece, kind }: LabelPiece): Prisma.Sql {
  const chars = Array.from(piece).length;
  if (kind === "label") {
    // A whole label is one exact entry, unless it is longer than what the index keeps of a label.
    return chars > LABEL_CHARS ? startQuery(piece) : Prisma.sql`(('''' || lower(${piece}::text) || '''')::tsquery)`;
  }
  if (kind === "start") return startQuery(piece);
  if (kind === "end") return endQuery(piece);
  return Prisma.sql`(${startQuery(piece)} || ${endQuery(piece)})`;
}

/**
 * A condition on `column` (a domain name, e.g. `i."domainName"`) that uses the label index on
 * `domain_search_tokens(column)` and holds exactly when the domain contains `term` as described
 * above; undefined when the term cannot match a domain this way.
 */
export function domainLabelCondition(column: Prisma.Sql, term: string): Prisma.Sql | undefined {
  const piece = labelPieceOf(term);
  if (!piece) return undefined;
  return Prisma.sql`(domain_search_tokens(${column}) @@ ${pieceQuery(piece)} AND strpos(lower(${column}), lower(${term}::text)) > 0)`;
}
