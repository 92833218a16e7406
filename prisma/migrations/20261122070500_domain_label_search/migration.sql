-- Orders list search by a domain's labels (issue 8): "blog" finds "blog.acme.com", "acme" finds
-- "www.acme.co.uk", "shop" finds "myshop.example.com", whatever trigrams the domains share.
-- domain_search_tokens(domain) is the domain's labels, lowercased, each forward and reversed
-- (marked with "!", a character no label has): "blog.acme.com" gives
-- {blog, !golb, acme, !emca, com, !moc}. A GIN index on it answers a whole label exactly and a
-- label's start or end as a tsquery prefix ('acme':* or '!emca':*). lib/search/domain-search.ts
-- builds the queries. Labels keep at most 200 characters each way and the domain its first 1,000,
-- so no stored value can exceed a tsvector's limits.
-- PARALLEL RESTRICTED on purpose: PostgreSQL guesses a tsquery prefix at 2% of the rows, which
-- would plan two workers to read the two or three rows the index finds (15-90 ms on a busy box).
-- Prisma neither manages functions nor reads back expression indexes: both live here only, and
-- its differ leaves them alone (npx tsx prisma/migrate.ts dev x says they already match).
CREATE FUNCTION domain_search_tokens(domain text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL RESTRICTED
  RETURN array_to_tsvector(ARRAY(
    SELECT v.token
      FROM unnest(string_to_array(lower(left(domain, 1000)), '.')) AS l(label),
           LATERAL (VALUES (left(l.label, 200)), ('!' || left(reverse(l.label), 200))) AS v(token)
     WHERE l.label <> ''));

-- CreateIndex
CREATE INDEX "OrderItem_domainName_labels_idx" ON "OrderItem" USING GIN (domain_search_tokens("domainName"));
