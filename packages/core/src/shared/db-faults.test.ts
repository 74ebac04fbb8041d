import { describe, expect, it } from "vitest";
import { DatabaseBusyError, DatabaseTimeoutError, DatabaseUnavailableError, databaseFaultOf } from "./db-faults";
import { ValidationError } from "./errors";

/** What `pg` throws: an Error with PostgreSQL's SQLSTATE (or Node's errno name) in `code`. */
const pgError = (code: string | undefined, message = "boom") => Object.assign(new Error(message), { code });

describe("databaseFaultOf", () => {
	it("reads a lost or refused connection as 'unavailable', by SQLSTATE, errno or pg's message", () => {
		for (const error of [
			pgError("57P01", "terminating connection due to administrator command"),
			pgError("57P03", "the database system is starting up"),
			pgError("08006"),
			pgError("53300", "sorry, too many clients already"),
			pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"),
			pgError("ECONNRESET"),
			new Error("Connection terminated unexpectedly"),
			new Error("timeout exceeded when trying to connect"),
			new Error("Client has encountered a connection error and is not queryable"),
			new Error("driver has already been destroyed"),
		]) {
			const fault = databaseFaultOf(error);
			expect(fault, error.message).toBeInstanceOf(DatabaseUnavailableError);
			expect(fault?.message).toBe("Tessera cannot reach its database; try again.");
			expect(fault?.cause).toBe(error);
		}
	});

	it("reads lock timeouts and contention that outlived its retries as 'busy', statement timeouts as 'timeout'", () => {
		expect(databaseFaultOf(pgError("55P03", "canceling statement due to lock timeout"))).toBeInstanceOf(
			DatabaseBusyError,
		);
		expect(databaseFaultOf(pgError("40001"))).toBeInstanceOf(DatabaseBusyError);
		expect(databaseFaultOf(pgError("40P01"))).toBeInstanceOf(DatabaseBusyError);
		// Every transaction slot stayed taken for the whole wait: other requests hold the database.
		expect(databaseFaultOf(pgError("TESSERA_POOL_SATURATED"))).toBeInstanceOf(DatabaseBusyError);
		expect(databaseFaultOf(pgError("57014", "canceling statement due to statement timeout"))).toBeInstanceOf(
			DatabaseTimeoutError,
		);
	});

	it("turns input PostgreSQL cannot store into a validation error that quotes none of it", () => {
		for (const code of ["22021", "22008", "22P02", "22003", "54000"]) {
			const fault = databaseFaultOf(pgError(code, 'invalid byte sequence for encoding "UTF8": 0x00'));
			expect(fault).toBeInstanceOf(ValidationError);
			expect(fault?.message).not.toContain("0x00");
		}
	});

	it("finds the fault in a wrapped cause, and leaves everything else to be reported as a bug", () => {
		const wrapped = new Error("query failed", { cause: pgError("57P01") });
		expect(databaseFaultOf(wrapped)).toBeInstanceOf(DatabaseUnavailableError);
		expect(databaseFaultOf(pgError("23505", "duplicate key"))).toBeNull();
		expect(databaseFaultOf(pgError("42P01", 'relation "x" does not exist'))).toBeNull();
		expect(databaseFaultOf(new TypeError("cannot read properties of undefined"))).toBeNull();
		expect(databaseFaultOf("not an error")).toBeNull();
		expect(databaseFaultOf(undefined)).toBeNull();
	});
});
