import { useCallback, useState } from "react";
import { trpc } from "../../../trpc";
import type { Me } from "./use-me";

/** Fetches the latest `me` from the server (bypassing the cache) and returns it. */
export function useReloadMe() {
	const utils = trpc.useUtils();
	const [isReloading, setIsReloading] = useState(false);
	const reload = useCallback(async (): Promise<Me> => {
		setIsReloading(true);
		try {
			return await utils.me.get.fetch(undefined, { staleTime: 0 });
		} finally {
			setIsReloading(false);
		}
	}, [utils]);
	return { reload, isReloading };
}
