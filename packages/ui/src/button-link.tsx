import type { AnchorHTMLAttributes, ReactElement, ReactNode, Ref } from "react";
import { type ButtonVariant, buttonClassName } from "./button";

/** What a `render` function must put on its link element. */
export interface ButtonLinkRenderProps {
	className: string;
	children: ReactNode;
}

interface ButtonLinkBaseProps {
	variant?: ButtonVariant;
	size?: "sm" | "md";
	className?: string;
	children: ReactNode;
}

export type ButtonLinkProps = ButtonLinkBaseProps &
	(
		| ({ render?: undefined; ref?: Ref<HTMLAnchorElement> } & Omit<
				AnchorHTMLAttributes<HTMLAnchorElement>,
				"className" | "children"
		  >)
		| {
				/**
				 * Renders the link element itself, e.g. a router's `Link`, so this package needs no
				 * router: `render={(props) => <Link to="/admin" {...props} />}`.
				 */
				render: (props: ButtonLinkRenderProps) => ReactElement;
		  }
	);

/**
 * A link that looks like a button: for navigation and downloads, which must stay links (open
 * in a new tab, copy the address) rather than buttons that navigate from a click handler.
 */
export function ButtonLink(props: ButtonLinkProps) {
	const { variant = "primary", size = "md", className, children } = props;
	const renderProps: ButtonLinkRenderProps = {
		className: buttonClassName({ variant, size, className }),
		children: <span className="ui-button__label">{children}</span>,
	};
	if (props.render) {
		return props.render(renderProps);
	}
	const {
		variant: _variant,
		size: _size,
		className: _className,
		children: _children,
		render: _render,
		...rest
	} = props;
	return <a {...rest} {...renderProps} />;
}
