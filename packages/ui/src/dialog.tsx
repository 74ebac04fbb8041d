import { type ReactNode, type Ref, type SyntheticEvent, useEffect, useId, useRef } from "react";
import { cn } from "./cn";

export interface DialogProps {
	/** Whether the dialog is shown (as a modal: the rest of the page is inert). */
	open: boolean;
	/** Called when the person dismisses the dialog with Escape; not called while `dismissible` is false. */
	onClose: () => void;
	/** Heading of the dialog; it is also the dialog's accessible name. */
	title: ReactNode;
	/** A sentence under the title; becomes the dialog's accessible description. */
	description?: ReactNode;
	/**
	 * When false, Escape does nothing, so the dialog can only be left through its own buttons
	 * (for content that must be acknowledged before it is gone).
	 */
	dismissible?: boolean;
	/** Buttons at the bottom, e.g. Cancel and Confirm. */
	footer?: ReactNode;
	className?: string;
	children?: ReactNode;
	ref?: Ref<HTMLDialogElement>;
}

/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus inside it, makes the
 * page behind it inert, moves focus to the first focusable control (or the one with
 * `autoFocus`), and returns focus to where it was when the dialog closes. Content is rendered
 * only while open, so forms inside start empty each time.
 */
export function Dialog({
	open,
	onClose,
	title,
	description,
	dismissible = true,
	footer,
	className,
	children,
	ref,
}: DialogProps) {
	const innerRef = useRef<HTMLDialogElement>(null);
	const titleId = useId();
	const descriptionId = useId();

	useEffect(() => {
		const dialog = innerRef.current;
		if (!dialog) {
			return;
		}
		if (open && !dialog.open) {
			dialog.showModal();
		} else if (!open && dialog.open) {
			dialog.close();
		}
	}, [open]);

	const handleCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
		// Escape fires "cancel"; the parent owns `open`, so never let the browser close it by itself.
		event.preventDefault();
		if (dismissible) {
			onClose();
		}
	};

	return (
		<dialog
			ref={(node) => {
				innerRef.current = node;
				if (typeof ref === "function") {
					ref(node);
				} else if (ref) {
					ref.current = node;
				}
			}}
			className={cn("ui-dialog", className)}
			aria-labelledby={titleId}
			aria-describedby={description ? descriptionId : undefined}
			onCancel={handleCancel}
		>
			{open && (
				<div className="ui-dialog__panel">
					<h2 id={titleId} className="ui-dialog__title">
						{title}
					</h2>
					{description && (
						<p id={descriptionId} className="ui-dialog__description">
							{description}
						</p>
					)}
					<div className="ui-dialog__body">{children}</div>
					{footer && <div className="ui-dialog__footer">{footer}</div>}
				</div>
			)}
		</dialog>
	);
}
