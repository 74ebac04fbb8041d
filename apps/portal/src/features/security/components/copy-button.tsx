import { Button, type ButtonProps } from "@tessera/ui/button";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Copies text to the clipboard and says so for a moment ("Copied"); the text itself stays visible to copy by hand. */
export function CopyButton({
	text,
	label,
	...rest
}: Omit<ButtonProps, "onClick" | "children"> & { text: string; label: string }) {
	const { t } = useTranslation();
	const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

	useEffect(() => {
		if (state === "idle") {
			return;
		}
		const timer = window.setTimeout(() => setState("idle"), 2500);
		return () => window.clearTimeout(timer);
	}, [state]);

	return (
		<Button
			variant="secondary"
			size="sm"
			{...rest}
			onClick={() => {
				// The Clipboard API exists only in secure contexts; the text stays selectable anyway.
				if (!navigator.clipboard) {
					setState("failed");
					return;
				}
				navigator.clipboard.writeText(text).then(
					() => setState("copied"),
					() => setState("failed"),
				);
			}}
		>
			<span aria-live="polite">
				{state === "copied" ? t("common.copied") : state === "failed" ? t("common.copyFailed") : label}
			</span>
		</Button>
	);
}
