import { Badge } from "@tessera/ui/badge";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import { CopyButton } from "../../security/components/copy-button";
import type { MailboxMessage } from "../hooks/use-dev-mailbox";

// A web address up to the next space; a full stop or bracket right after it ends the sentence,
// not the address (tokens are base64url, so no link of ours ends in one).
const WEB_ADDRESS = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)])/;
const WEB_ADDRESSES = new RegExp(WEB_ADDRESS.source, "g");

/** The distinct web addresses of a message, in order. */
function linksOf(text: string): string[] {
	return [...new Set(text.match(WEB_ADDRESSES) ?? [])];
}

/**
 * Plain text with its web addresses as links (an invitation, a reset link), so a developer can
 * open them with a click; everything else stays text, never markup.
 */
function LinkedText({ text }: { text: string }) {
	return text.split(WEB_ADDRESS).map((part, index) =>
		index % 2 === 1 ? (
			<a key={index} href={part}>
				{part}
			</a>
		) : (
			part
		),
	);
}

/**
 * Messages as a feed, newest first. Bodies are plain text in `<pre>`, never markup; each link in
 * one also gets a button that copies it, to paste into another browser profile.
 */
export function MailboxList({ messages, timeZone }: { messages: MailboxMessage[]; timeZone: string | null }) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	return (
		<ol className="portal-mailbox" aria-label={t("devMailbox.listLabel")}>
			{messages.map((message) => (
				<li key={message.id} className="portal-mailbox__item">
					<article aria-labelledby={`message-${message.id}`}>
						<header className="portal-mailbox__header">
							<h2 id={`message-${message.id}`} className="portal-subheading">
								{message.subject ?? t("devMailbox.noSubject")}
							</h2>
							<p className="portal-inline portal-flush portal-muted">
								<Badge tone={message.channel === "sms" ? "info" : "neutral"}>
									{message.channel === "sms" ? t("devMailbox.sms") : t("devMailbox.email")}
								</Badge>
								<span>{t("devMailbox.to", { recipient: message.recipient })}</span>
								<time dateTime={message.createdAt.toISOString()}>{format.dateTime(message.createdAt)}</time>
							</p>
						</header>
						<pre className="portal-mailbox__body">
							<LinkedText text={message.body} />
						</pre>
						{linksOf(message.body).length > 0 && (
							<p className="portal-inline portal-mailbox__links">
								{linksOf(message.body).map((link, index, links) => (
									<CopyButton
										key={link}
										text={link}
										label={
											links.length > 1
												? t("devMailbox.copyNumberedLink", { number: index + 1 })
												: t("devMailbox.copyLink")
										}
									/>
								))}
							</p>
						)}
					</article>
				</li>
			))}
		</ol>
	);
}
