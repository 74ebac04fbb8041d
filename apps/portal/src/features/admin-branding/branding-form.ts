import { type FieldIssue, fieldIssueOf } from "@tessera/core/shared/errors";
import { ZBrandingInput } from "@tessera/core/tenants/branding.schema";
import type { Branding } from "../branding/hooks/use-branding";
import type { BrandingChange } from "./hooks/use-branding-settings";

/** The logo as the form holds it: as saved, a new file read as a data URL, or removed. */
export type LogoDraft = { kind: "saved" } | { kind: "new"; dataUrl: string; size: number } | { kind: "removed" };

/** What the administrator is editing: text as typed (an empty colour is the product's own). */
export interface BrandingDraft {
	name: string;
	accentColor: string;
	logo: LogoDraft;
}

export function draftOf(saved: Branding): BrandingDraft {
	return { name: saved.name ?? "", accentColor: saved.accentColor ?? "", logo: { kind: "saved" } };
}

/** The base64 part of a `data:<type>;base64,<bytes>` URL, as FileReader.readAsDataURL gives it. */
export function base64OfDataUrl(dataUrl: string): string {
	return dataUrl.slice(dataUrl.indexOf(",") + 1);
}

/**
 * The change to send: name and colour as they should be, and the logo only when it changed (the
 * same image is not sent again with every new colour).
 */
export function changeOf(draft: BrandingDraft): BrandingChange {
	const accentColor = draft.accentColor.trim();
	return {
		name: draft.name,
		accentColor: accentColor === "" ? null : accentColor,
		...(draft.logo.kind === "new" && { logo: { base64: base64OfDataUrl(draft.logo.dataUrl) } }),
		...(draft.logo.kind === "removed" && { logo: null }),
	};
}

/** The draft's problems by field ("name", "accentColor", "logo"), by the API's own schema. */
export function draftIssues(draft: BrandingDraft): Record<string, FieldIssue[]> {
	const parsed = ZBrandingInput.safeParse(changeOf(draft));
	if (parsed.success) return {};
	const issues: Record<string, FieldIssue[]> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? "_");
		issues[field] = [...(issues[field] ?? []), fieldIssueOf(issue)];
	}
	return issues;
}

/** The colour the preview can show: the draft's when it is a colour, else none (the product's own). */
export function previewColor(draft: BrandingDraft): string | null {
	const accentColor = draft.accentColor.trim();
	return /^#[0-9a-fA-F]{6}$/.test(accentColor) ? accentColor.toLowerCase() : null;
}

/** Whether the draft differs from what is saved. */
export function hasChanges(saved: Branding, draft: BrandingDraft): boolean {
	const { name, accentColor } = changeOf(draft);
	return (
		(name?.trim() || null) !== saved.name ||
		(accentColor?.toLowerCase() ?? null) !== saved.accentColor ||
		draft.logo.kind !== "saved"
	);
}
