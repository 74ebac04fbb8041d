import { DomainError, ValidationError } from "./errors";

/** PostgreSQL could not be reached, or dropped the connection mid-request. Safe to retry. */
export class DatabaseUnavailableError extends DomainError<"DB.UNAVAILABLE"> {
	readonly code = "DB.UNAVAILABLE";
	constructor(options?: { cause?: unknown }) {
		super("Tessera cannot reach its database; try again.", options);
	}
}

/**
 * Another request holds what this one needed (a row lock past the lock timeout, a serialization
 * failure or deadlock that outlived its retries, every transaction slot taken). Nothing was
 * written; trying again in a moment usually works.
 */
export class DatabaseBusyError extends DomainError<"DB.BUSY"> {
	readonly code = "DB.BUSY";
	constructor(options?: { cause?: unknown }) {
		super("This is being changed by another request right now; nothing was saved. Try again in a moment.", options);
	}
}

/** The statement ran past the statement timeout (or a transaction sat idle too long) and was stopped. */
export class DatabaseTimeoutError extends DomainError<"DB.TIMEOUT"> {
	readonly code = "DB.TIMEOUT";
	constructor(options?: { cause?: unknown }) {
		super("The request took too long and was stopped; nothing was saved. Try again.", options);
	}
}

/**
 * The answer when a value reached PostgreSQL that it cannot store. Input is checked before that
 * (shared/safe-input.ts), so seeing this means a check in front is missing; the fuzz test looks for it.
 */
export const UNSTORABLE_VALUE_MESSAGE = "A value sent cannot be stored: check it for unusual characters or dates";

export type DatabaseFaultCode =
	| DatabaseUnavailableError["code"]
	| DatabaseBusyError["code"]
	| DatabaseTimeoutError["code"];

/** SQLSTATEs (and Node socket errors) meaning the connection, not the request, is at fault. */
const UNAVAILABLE_CODES = new Set([
	"57P01", // admin_shutdown: the server is stopping, or pg_terminate_backend
	"57P02", // crash_shutdown
	"57P03", // cannot_connect_now: starting up or in recovery
	"53300", // too_many_connections
	"53100", // disk_full
	"ECONNREFUSED",
	"ECONNRESET",
	"ETIMEDOUT",
	"EPIPE",
	"EHOSTUNREACH",
	"ENETUNREACH",
	"ENOTFOUND",
	"EAI_AGAIN",
]);

/** `pg` and Kysely report a lost or refused connection by message only. */
const UNAVAILABLE_MESSAGES = [
	/connection terminated/i,
	/timeout exceeded when trying to connect/i,
	/is not queryable/i,
	/driver has already been destroyed/i,
	/cannot use a pool after calling end/i,
	/terminating connection/i,
];

// TESSERA_POOL_SATURATED: no transaction slot freed up in time (@tessera/db/transaction-slots);
// the database answers, other requests hold it, so it is contention, not an outage.
const BUSY_CODES = new Set(["55P03", "40001", "40P01", "TESSERA_POOL_SATURATED"]);
const TIMEOUT_CODES = new Set(["57014", "25P03"]);

/**
 * The domain error a driver error stands for, or null when it is not a database fault (a bug,
 * to be reported as such). Data exceptions (class 22: a NUL byte, a date PostgreSQL cannot hold,
 * malformed text for a uuid) and over-long values (54000) are the caller's input reaching the
 * database; input is checked before that, so this is the net under that check, not the check.
 */
export function databaseFaultOf(
	error: unknown,
): DatabaseUnavailableError | DatabaseBusyError | DatabaseTimeoutError | ValidationError | null {
	for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === "string") {
			if (UNAVAILABLE_CODES.has(code) || code.startsWith("08")) return new DatabaseUnavailableError({ cause: error });
			if (BUSY_CODES.has(code)) return new DatabaseBusyError({ cause: error });
			if (TIMEOUT_CODES.has(code)) return new DatabaseTimeoutError({ cause: error });
			if (code.startsWith("22") || code === "54000") {
				return new ValidationError({ _: [UNSTORABLE_VALUE_MESSAGE] });
			}
		}
		const { message } = current;
		if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) {
			return new DatabaseUnavailableError({ cause: error });
		}
		current = current.cause;
	}
	return null;
}
