import { useCallback, useEffect, useState } from "react";

/**
 * Seconds left until a moment set with `start(seconds)`, ticking once a second; 0 when none is
 * running. Used for "send a new code in 42 s".
 */
export function useCountdown() {
	const [until, setUntil] = useState<number | null>(null);
	const [now, setNow] = useState(() => Date.now());

	useEffect(() => {
		if (until === null) {
			return;
		}
		const timer = window.setInterval(() => {
			const current = Date.now();
			setNow(current);
			if (current >= until) {
				setUntil(null);
			}
		}, 1000);
		return () => window.clearInterval(timer);
	}, [until]);

	const start = useCallback((seconds: number) => {
		const current = Date.now();
		setNow(current);
		setUntil(current + seconds * 1000);
	}, []);

	const secondsLeft = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
	return { secondsLeft, start };
}
