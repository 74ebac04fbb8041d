import type { Clock } from "./clock";
import type { SecretBox } from "./secret-box";
import type { Db } from "./tx";

/** What security services need: the database, the clock, and the key material for secrets at rest. */
export interface CoreDeps {
	db: Db;
	clock: Clock;
	secrets: SecretBox;
}
