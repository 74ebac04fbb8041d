import { Badge } from "@tessera/ui/badge";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import type { MailboxMessage } from "../hooks/use-dev-mailbox";

const WEB_ADDRESS = /(https?:\/\/[^\s<>"]+)/;

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

/** Messages as a feed, newest first. Bodies are plain text in `<pre>`, never markup. */
export function MailboxList({ messages }: { messages: MailboxMessage[] }) {
	const { t } = useTranslation();
	const format = useDateFormat();
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
					</article>
				</li>
			))}
		</ol>
	);
}
