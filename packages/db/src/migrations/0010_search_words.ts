import { type Kysely, sql } from "kysely";

/**
 * A trigram index over the words of `search_text`: every run of characters that is not a letter
 * or digit becomes one space, with one in front, so "ada.lovelace+1@example.com Ada" reads
 * " ada lovelace 1 example com ada". A one- or two-letter search (`like '% li%'`: a word that
 * starts with "li") gives pg_trgm the padded trigrams of a word start ("  l", " li") to look up,
 * where `like '%li%'` on `search_text` gives it none and read every user of the tenant (0.34 s at
 * a million: issue 11). The expression must stay identical to `SEARCH_WORDS` in
 * packages/core/src/users/user-list.repository.ts, or the planner cannot use the index.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
	await sql`create index users_search_words_trgm on users
		using gin ((' ' || regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g')) gin_trgm_ops)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index if exists users_search_words_trgm`.execute(db);
}
