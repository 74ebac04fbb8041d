import { isKnownAction } from "../audit-actions";
import { useActionLabel } from "../hooks/use-action-label";

/** An audit action in words; one the portal has no label for (a row older than a rename) as its code. */
export function ActionName({ action }: { action: string }) {
	const actionLabel = useActionLabel();
	return isKnownAction(action) ? actionLabel(action) : <code>{action}</code>;
}
