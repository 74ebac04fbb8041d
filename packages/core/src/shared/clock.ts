/**
 * Where core reads the time. Production passes `systemClock`; tests pass a `TestClock` to move
 * time (expiry, lockout, purge) without sleeping. No procedure lets a caller set the clock.
 */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move. For tests only; nothing in apps/ constructs one. */
export class TestClock implements Clock {
	#ms: number;
	constructor(start: Date = new Date()) {
		this.#ms = start.getTime();
	}
	now(): Date {
		return new Date(this.#ms);
	}
	advance(ms: number): void {
		this.#ms += ms;
	}
	set(date: Date): void {
		this.#ms = date.getTime();
	}
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
