/**
 * The messages Tessera sends, in English, German and Dutch. Plain text only: email bodies are
 * `text/plain` and SMS bodies stay short, so nothing here is HTML and nothing is escaped. Every
 * word a message contains is either fixed text below or one of its typed params.
 */
import type { TwoFactorType } from "@tessera/db/schema";

export type MessageChannel = "email" | "sms";

export const MESSAGE_LANGUAGES = ["en", "de", "nl"] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** A calendar date `YYYY-MM-DD`, already taken in the recipient's time zone. */
export type CalendarDate = `${number}-${number}-${number}`;

/** Templates without params take an empty object. */
export type NoParams = Record<string, never>;

/** What each template needs. The keys are the closed set of templates. */
export interface MessageParams {
	sign_in_code: { code: string; minutes: number };
	verify_email_code: { code: string; minutes: number };
	verify_email_link: { url: string; hours: number };
	verify_phone_code: { code: string; minutes: number };
	reauth_code: { code: string; minutes: number };
	password_changed: NoParams;
	password_expiry_reminder: { days: number; date: CalendarDate };
	/** Masked again on rendering (`a***@example.com`), so a full address never reaches the old inbox. */
	email_changed: { newEmail: string };
	phone_changed: NoParams;
	mfa_enabled: { method: TwoFactorType };
	mfa_disabled: { method: TwoFactorType };
	passkey_added: { name: string };
	passkey_removed: { name: string };
	recovery_codes_regenerated: NoParams;
	recovery_code_used: { remaining: number };
	account_locked: { minutes: number };
	/**
	 * An administrator invited the recipient. `inviterName` and `organisation` are typed by people,
	 * so they are flattened to one line and capped on rendering; `url` carries the token in its fragment.
	 */
	invitation: { url: string; inviterName: string; organisation: string; days: number };
	/** No sign-in for a long time: the account becomes inactive on `date` unless the user signs in. */
	account_dormant_warning: { days: number; date: CalendarDate };
	/** An administrator made a deactivated account active again. */
	account_reactivated: NoParams;
	/** A password reset link (self-service or sent by an administrator); `url` carries the token in its fragment. */
	password_reset: { url: string; minutes: number };
}

export type MessageTemplate = keyof MessageParams;

/**
 * Templates whose text signs someone in or proves they own an address: a one-time code or a
 * link with a token. Their stored body is replaced by `REDACTED_BODY` once the message has been
 * handed over (or given up on), so a reader of the outbox table finds nothing that works
 * (SECURITY G05). A template added here later is redacted by the same rule.
 */
export const TEMPLATES_CARRYING_SECRETS: ReadonlySet<string> = new Set<MessageTemplate>([
	"sign_in_code",
	"verify_email_code",
	"verify_email_link",
	"verify_phone_code",
	"reauth_code",
	"invitation",
	"password_reset",
]);

/** What the outbox keeps of a delivered message that carried a secret. */
export const REDACTED_BODY = "[Removed after delivery: this message carried a one-time code or link.]";

/** The params of one template, e.g. `TemplateParams<"sign_in_code">` is `{ code; minutes }`. */
export type TemplateParams<T extends MessageTemplate> = MessageParams[T];

export interface RenderedMessage {
	/** Null for SMS. */
	subject: string | null;
	body: string;
}

interface RenderContext {
	/** A plain `language[-REGION]` tag for Intl formatting, e.g. `de-CH`. */
	locale: string;
}

interface TemplateText<P> {
	subject(params: P, context: RenderContext): string;
	/** The paragraphs between greeting and footer of the plain-text email. */
	email(params: P, context: RenderContext): string[];
	sms(params: P, context: RenderContext): string;
}

type TemplateCatalog = { [K in MessageTemplate]: TemplateText<MessageParams[K]> };

interface LanguagePack {
	greeting: string;
	footer: string;
	templates: TemplateCatalog;
}

const PASSKEY_NAME_MAX_LENGTH = 64;

/**
 * Passkey names are chosen by whoever holds the session. Control, line-break and bidi characters
 * could fake extra lines or reorder the text of a message we sign as Tessera (phishing), so they
 * become spaces, and the length is capped.
 */
function inlineText(value: string, maxLength: number = PASSKEY_NAME_MAX_LENGTH): string {
	const clean = value
		.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, " ")
		.replace(/\s+/g, " ")
		.trim();
	const chars = Array.from(clean);
	return chars.length > maxLength ? `${chars.slice(0, maxLength - 3).join("")}...` : clean;
}

/**
 * Masks an email address to its first character and domain (`a***@example.com`). Idempotent, so
 * callers may pass an address they masked already.
 */
export function maskEmail(email: string): string {
	const clean = inlineText(email, 254);
	const at = clean.lastIndexOf("@");
	if (at <= 0) return "***";
	const first = Array.from(clean.slice(0, at))[0] ?? "";
	return `${first}***@${clean.slice(at + 1)}`;
}

function formatCalendarDate(date: CalendarDate, locale: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const utc = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
	// Reject 2026-02-31 and friends instead of silently printing 3 March.
	if (!utc || utc.toISOString().slice(0, 10) !== date) throw new RangeError(`Not a calendar date: ${date}`);
	// The date is already in the recipient's zone; formatting in UTC keeps it the same day.
	return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(utc);
}

/** Inviter and organisation names in invitations: one line, at most this many characters. */
const INVITATION_NAME_MAX_LENGTH = 80;
const invitationName = (value: string) => inlineText(value, INVITATION_NAME_MAX_LENGTH) || "Tessera";

const plural = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;

// ---------------------------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------------------------

const enMinutes = (n: number) => plural(n, "minute", "minutes");
const enHours = (n: number) => plural(n, "hour", "hours");
const enDays = (n: number) => plural(n, "day", "days");
const EN_METHOD: Record<TwoFactorType, string> = {
	totp: "authenticator app",
	sms: "text message",
	email: "email",
	passkey: "passkey",
};
const EN_IGNORE = "If you did not ask for this, you can ignore this message.";
const EN_SELF = "If you made this change yourself, there is nothing else to do.";
const EN_NOT_YOU =
	"If this wasn't you, contact your administrator right away: someone else may have access to your account.";
const EN_SMS_NOT_YOU = "Not you? Contact your administrator right away.";

const en: LanguagePack = {
	greeting: "Hello,",
	footer: "This message was sent automatically by Tessera.",
	templates: {
		sign_in_code: {
			subject: () => "Your Tessera sign-in code",
			email: ({ code, minutes }) => [
				`Your Tessera sign-in code is ${code}. It expires in ${enMinutes(minutes)}.`,
				"Enter it on the sign-in page to continue. Never share this code: nobody from Tessera or your organisation will ever ask you for it.",
				"If you did not try to sign in, someone may know your password. Change it as soon as you can.",
			],
			sms: ({ code, minutes }) =>
				`Your Tessera sign-in code is ${code}. It expires in ${enMinutes(minutes)}. Don't share it with anyone.`,
		},
		verify_email_code: {
			subject: () => "Confirm your email address",
			email: ({ code, minutes }) => [
				`Your code to confirm your email address is ${code}. It expires in ${enMinutes(minutes)}.`,
				"Enter it to confirm that this email address belongs to you.",
				EN_IGNORE,
			],
			sms: ({ code, minutes }) =>
				`Your Tessera email confirmation code is ${code}. It expires in ${enMinutes(minutes)}.`,
		},
		verify_email_link: {
			subject: () => "Confirm your email address",
			email: ({ url, hours }) => [
				"Open this link to confirm your email address for Tessera:",
				url,
				`The link works once and expires in ${enHours(hours)}.`,
				EN_IGNORE,
			],
			sms: ({ url, hours }) => `Confirm your email address for Tessera: ${url} The link expires in ${enHours(hours)}.`,
		},
		verify_phone_code: {
			subject: () => "Confirm your phone number",
			email: ({ code, minutes }) => [
				`Your code to confirm your phone number is ${code}. It expires in ${enMinutes(minutes)}.`,
				EN_IGNORE,
			],
			sms: ({ code, minutes }) =>
				`Your Tessera phone confirmation code is ${code}. It expires in ${enMinutes(minutes)}.`,
		},
		reauth_code: {
			subject: () => "Your Tessera confirmation code",
			email: ({ code, minutes }) => [
				`Your Tessera confirmation code is ${code}. It expires in ${enMinutes(minutes)}.`,
				"You need it to confirm a change to the security settings of your account. Never share this code.",
				"If you did not ask for it, someone else may be signed in to your account. Change your password and contact your administrator.",
			],
			sms: ({ code, minutes }) =>
				`Your Tessera confirmation code is ${code}. It expires in ${enMinutes(minutes)}. Don't share it with anyone.`,
		},
		password_changed: {
			subject: () => "Your Tessera password was changed",
			email: () => ["The password of your Tessera account was just changed.", EN_SELF, EN_NOT_YOU],
			sms: () => `Your Tessera password was changed. ${EN_SMS_NOT_YOU}`,
		},
		password_expiry_reminder: {
			subject: ({ days }) => `Your Tessera password expires in ${enDays(days)}`,
			email: ({ days, date }, { locale }) => [
				`Your Tessera password expires in ${enDays(days)}, on ${formatCalendarDate(date, locale)}.`,
				"Change it before then in the security settings of your account. Otherwise you will have to choose a new one the next time you sign in.",
			],
			sms: ({ days, date }, { locale }) =>
				`Your Tessera password expires in ${enDays(days)}, on ${formatCalendarDate(date, locale)}. Please change it before then.`,
		},
		email_changed: {
			subject: () => "The email address of your Tessera account was changed",
			email: ({ newEmail }) => [
				`The email address of your Tessera account was changed to ${maskEmail(newEmail)}. From now on, messages about your account go to the new address.`,
				EN_SELF,
				EN_NOT_YOU,
			],
			sms: ({ newEmail }) =>
				`The email address of your Tessera account was changed to ${maskEmail(newEmail)}. ${EN_SMS_NOT_YOU}`,
		},
		phone_changed: {
			subject: () => "The phone number of your Tessera account was changed",
			email: () => [
				"The phone number of your Tessera account was changed. From now on, codes and notices by text message go to the new number.",
				EN_SELF,
				EN_NOT_YOU,
			],
			sms: () => `The phone number of your Tessera account was changed. ${EN_SMS_NOT_YOU}`,
		},
		mfa_enabled: {
			subject: () => "Two-step verification was turned on",
			email: ({ method }) => [
				`Two-step verification by ${EN_METHOD[method]} was turned on for your Tessera account.`,
				EN_SELF,
				EN_NOT_YOU,
			],
			sms: ({ method }) =>
				`Two-step verification by ${EN_METHOD[method]} was turned on for your Tessera account. ${EN_SMS_NOT_YOU}`,
		},
		mfa_disabled: {
			subject: () => "Two-step verification was turned off",
			email: ({ method }) => [
				`Two-step verification by ${EN_METHOD[method]} was turned off for your Tessera account.`,
				EN_SELF,
				EN_NOT_YOU,
			],
			sms: ({ method }) =>
				`Two-step verification by ${EN_METHOD[method]} was turned off for your Tessera account. ${EN_SMS_NOT_YOU}`,
		},
		passkey_added: {
			subject: () => "A passkey was added to your Tessera account",
			email: ({ name }) => [
				`A passkey named "${inlineText(name)}" was added to your Tessera account. It can now be used to sign in.`,
				EN_SELF,
				EN_NOT_YOU,
			],
			sms: ({ name }) => `A passkey ("${inlineText(name)}") was added to your Tessera account. ${EN_SMS_NOT_YOU}`,
		},
		passkey_removed: {
			subject: () => "A passkey was removed from your Tessera account",
			email: ({ name }) => [
				`The passkey named "${inlineText(name)}" was removed from your Tessera account. It can no longer be used to sign in.`,
				EN_SELF,
				EN_NOT_YOU,
			],
			sms: ({ name }) => `The passkey "${inlineText(name)}" was removed from your Tessera account. ${EN_SMS_NOT_YOU}`,
		},
		recovery_codes_regenerated: {
			subject: () => "New recovery codes were created",
			email: () => [
				"New recovery codes were created for your Tessera account. Your previous recovery codes no longer work.",
				EN_SELF,
				EN_NOT_YOU,
			],
			sms: () =>
				`New recovery codes were created for your Tessera account. The old ones no longer work. ${EN_SMS_NOT_YOU}`,
		},
		recovery_code_used: {
			subject: () => "A recovery code was used",
			email: ({ remaining }) => [
				"A recovery code was just used to sign in to your Tessera account.",
				remaining === 0
					? "You have no recovery codes left. Create new ones in the security settings of your account so that you cannot get locked out."
					: `You have ${plural(remaining, "recovery code", "recovery codes")} left.`,
				EN_NOT_YOU,
			],
			sms: ({ remaining }) =>
				`A recovery code was used to sign in to Tessera. ${
					remaining === 0 ? "No codes left." : `${plural(remaining, "code", "codes")} left.`
				} ${EN_SMS_NOT_YOU}`,
		},
		account_locked: {
			subject: () => "Your Tessera account was locked",
			email: ({ minutes }) => [
				`Your Tessera account was locked for ${enMinutes(minutes)} after too many failed sign-in attempts.`,
				"You can sign in again after that. If you did not try to sign in, someone may be trying to guess your password: change it as soon as you can and tell your administrator.",
			],
			sms: ({ minutes }) =>
				`Your Tessera account was locked for ${enMinutes(minutes)} after too many failed sign-in attempts. ${EN_SMS_NOT_YOU}`,
		},
		invitation: {
			subject: ({ organisation }) => `You are invited to join ${invitationName(organisation)} on Tessera`,
			email: ({ url, inviterName, organisation, days }) => [
				`${invitationName(inviterName)} invited you to join ${invitationName(organisation)} on Tessera.`,
				"Open this link to accept the invitation and choose your password:",
				url,
				`The link works once and expires in ${enDays(days)}.`,
				"If you did not expect this invitation, you can ignore this message.",
			],
			sms: ({ url, inviterName, organisation, days }) =>
				`${invitationName(inviterName)} invited you to ${invitationName(organisation)} on Tessera: ${url} The link expires in ${enDays(days)}.`,
		},
		account_dormant_warning: {
			subject: ({ days }) => `Your Tessera account will be deactivated in ${enDays(days)}`,
			email: ({ date }, { locale }) => [
				`Nobody has signed in to your Tessera account for a long time. Your organisation deactivates unused accounts, so yours will be deactivated on ${formatCalendarDate(date, locale)}.`,
				"To keep it, simply sign in before then. Once it is deactivated, only an administrator can reactivate it.",
			],
			sms: ({ date }, { locale }) =>
				`Your unused Tessera account will be deactivated on ${formatCalendarDate(date, locale)}. Sign in before then to keep it.`,
		},
		account_reactivated: {
			subject: () => "Your Tessera account was reactivated",
			email: () => [
				"An administrator reactivated your Tessera account. You can sign in again.",
				"If you did not expect this, contact your administrator.",
			],
			sms: () => "An administrator reactivated your Tessera account. Not expected? Contact your administrator.",
		},
		password_reset: {
			subject: () => "Reset your Tessera password",
			email: ({ url, minutes }) => [
				"Someone asked to reset the password of your Tessera account. Open this link to choose a new one:",
				url,
				`The link works once and expires in ${minutes} minutes. If you use a second factor, you will still need it to sign in.`,
				"If you did not ask for this, ignore this message: your password stays as it is.",
			],
			sms: ({ url, minutes }) => `Reset your Tessera password: ${url} The link expires in ${minutes} minutes.`,
		},
	},
};

// ---------------------------------------------------------------------------------------------
// German (formal "Sie", as German business software addresses its users)
// ---------------------------------------------------------------------------------------------

const deMinutes = (n: number) => plural(n, "Minute", "Minuten");
const deHours = (n: number) => plural(n, "Stunde", "Stunden");
/** Dative, as it always follows "in": "in 1 Tag", "in 7 Tagen". */
const deDays = (n: number) => plural(n, "Tag", "Tagen");
const DE_METHOD: Record<TwoFactorType, string> = {
	totp: "Authenticator-App",
	sms: "SMS",
	email: "E-Mail",
	passkey: "Passkey",
};
const DE_IGNORE = "Falls Sie dies nicht angefordert haben, können Sie diese Nachricht ignorieren.";
const DE_SELF = "Wenn Sie diese Änderung selbst vorgenommen haben, müssen Sie nichts weiter tun.";
const DE_NOT_YOU =
	"Falls nicht, wenden Sie sich bitte sofort an Ihren Administrator: Möglicherweise hat jemand anderes Zugriff auf Ihr Konto.";
const DE_SMS_NOT_YOU = "Das waren nicht Sie? Informieren Sie sofort Ihren Administrator.";

const de: LanguagePack = {
	greeting: "Guten Tag,",
	footer: "Diese Nachricht wurde automatisch von Tessera versendet.",
	templates: {
		sign_in_code: {
			subject: () => "Ihr Tessera-Anmeldecode",
			email: ({ code, minutes }) => [
				`Ihr Tessera-Anmeldecode lautet ${code}. Er ist ${deMinutes(minutes)} gültig.`,
				"Geben Sie ihn auf der Anmeldeseite ein, um fortzufahren. Geben Sie diesen Code niemals weiter: Niemand von Tessera oder aus Ihrer Organisation wird Sie danach fragen.",
				"Falls Sie nicht versucht haben, sich anzumelden, kennt möglicherweise jemand Ihr Passwort. Ändern Sie es so bald wie möglich.",
			],
			sms: ({ code, minutes }) =>
				`Ihr Tessera-Anmeldecode lautet ${code}. Er ist ${deMinutes(minutes)} gültig. Geben Sie ihn nicht weiter.`,
		},
		verify_email_code: {
			subject: () => "Bestätigen Sie Ihre E-Mail-Adresse",
			email: ({ code, minutes }) => [
				`Ihr Code zur Bestätigung Ihrer E-Mail-Adresse lautet ${code}. Er ist ${deMinutes(minutes)} gültig.`,
				"Geben Sie ihn ein, um zu bestätigen, dass diese E-Mail-Adresse Ihnen gehört.",
				DE_IGNORE,
			],
			sms: ({ code, minutes }) =>
				`Ihr Tessera-Code zur Bestätigung Ihrer E-Mail-Adresse lautet ${code}. Er ist ${deMinutes(minutes)} gültig.`,
		},
		verify_email_link: {
			subject: () => "Bestätigen Sie Ihre E-Mail-Adresse",
			email: ({ url, hours }) => [
				"Öffnen Sie diesen Link, um Ihre E-Mail-Adresse für Tessera zu bestätigen:",
				url,
				`Der Link funktioniert nur einmal und ist ${deHours(hours)} gültig.`,
				DE_IGNORE,
			],
			sms: ({ url, hours }) =>
				`Bestätigen Sie Ihre E-Mail-Adresse für Tessera: ${url} Der Link ist ${deHours(hours)} gültig.`,
		},
		verify_phone_code: {
			subject: () => "Bestätigen Sie Ihre Telefonnummer",
			email: ({ code, minutes }) => [
				`Ihr Code zur Bestätigung Ihrer Telefonnummer lautet ${code}. Er ist ${deMinutes(minutes)} gültig.`,
				DE_IGNORE,
			],
			sms: ({ code, minutes }) =>
				`Ihr Tessera-Code zur Bestätigung Ihrer Telefonnummer lautet ${code}. Er ist ${deMinutes(minutes)} gültig.`,
		},
		reauth_code: {
			subject: () => "Ihr Tessera-Bestätigungscode",
			email: ({ code, minutes }) => [
				`Ihr Tessera-Bestätigungscode lautet ${code}. Er ist ${deMinutes(minutes)} gültig.`,
				"Sie benötigen ihn, um eine Änderung an den Sicherheitseinstellungen Ihres Kontos zu bestätigen. Geben Sie diesen Code niemals weiter.",
				"Falls Sie ihn nicht angefordert haben, ist möglicherweise jemand anderes in Ihrem Konto angemeldet. Ändern Sie Ihr Passwort und wenden Sie sich an Ihren Administrator.",
			],
			sms: ({ code, minutes }) =>
				`Ihr Tessera-Bestätigungscode lautet ${code}. Er ist ${deMinutes(minutes)} gültig. Geben Sie ihn nicht weiter.`,
		},
		password_changed: {
			subject: () => "Ihr Tessera-Passwort wurde geändert",
			email: () => ["Das Passwort Ihres Tessera-Kontos wurde soeben geändert.", DE_SELF, DE_NOT_YOU],
			sms: () => `Ihr Tessera-Passwort wurde geändert. ${DE_SMS_NOT_YOU}`,
		},
		password_expiry_reminder: {
			subject: ({ days }) => `Ihr Tessera-Passwort läuft in ${deDays(days)} ab`,
			email: ({ days, date }, { locale }) => [
				`Ihr Tessera-Passwort läuft in ${deDays(days)} ab, am ${formatCalendarDate(date, locale)}.`,
				"Ändern Sie es vorher in den Sicherheitseinstellungen Ihres Kontos. Andernfalls müssen Sie bei der nächsten Anmeldung ein neues Passwort wählen.",
			],
			sms: ({ days, date }, { locale }) =>
				`Ihr Tessera-Passwort läuft in ${deDays(days)} ab, am ${formatCalendarDate(date, locale)}. Bitte ändern Sie es vorher.`,
		},
		email_changed: {
			subject: () => "Die E-Mail-Adresse Ihres Tessera-Kontos wurde geändert",
			email: ({ newEmail }) => [
				`Die E-Mail-Adresse Ihres Tessera-Kontos wurde in ${maskEmail(newEmail)} geändert. Nachrichten zu Ihrem Konto gehen ab sofort an die neue Adresse.`,
				DE_SELF,
				DE_NOT_YOU,
			],
			sms: ({ newEmail }) =>
				`Die E-Mail-Adresse Ihres Tessera-Kontos wurde in ${maskEmail(newEmail)} geändert. ${DE_SMS_NOT_YOU}`,
		},
		phone_changed: {
			subject: () => "Die Telefonnummer Ihres Tessera-Kontos wurde geändert",
			email: () => [
				"Die Telefonnummer Ihres Tessera-Kontos wurde geändert. Codes und Hinweise per SMS gehen ab sofort an die neue Nummer.",
				DE_SELF,
				DE_NOT_YOU,
			],
			sms: () => `Die Telefonnummer Ihres Tessera-Kontos wurde geändert. ${DE_SMS_NOT_YOU}`,
		},
		mfa_enabled: {
			subject: () => "Zwei-Faktor-Authentifizierung aktiviert",
			email: ({ method }) => [
				`Für Ihr Tessera-Konto wurde die Zwei-Faktor-Authentifizierung per ${DE_METHOD[method]} aktiviert.`,
				DE_SELF,
				DE_NOT_YOU,
			],
			sms: ({ method }) =>
				`Zwei-Faktor-Authentifizierung per ${DE_METHOD[method]} für Ihr Tessera-Konto aktiviert. ${DE_SMS_NOT_YOU}`,
		},
		mfa_disabled: {
			subject: () => "Zwei-Faktor-Authentifizierung deaktiviert",
			email: ({ method }) => [
				`Für Ihr Tessera-Konto wurde die Zwei-Faktor-Authentifizierung per ${DE_METHOD[method]} deaktiviert.`,
				DE_SELF,
				DE_NOT_YOU,
			],
			sms: ({ method }) =>
				`Zwei-Faktor-Authentifizierung per ${DE_METHOD[method]} für Ihr Tessera-Konto deaktiviert. ${DE_SMS_NOT_YOU}`,
		},
		passkey_added: {
			subject: () => "Ein Passkey wurde zu Ihrem Tessera-Konto hinzugefügt",
			email: ({ name }) => [
				`Zu Ihrem Tessera-Konto wurde ein Passkey mit dem Namen „${inlineText(name)}“ hinzugefügt. Er kann ab sofort zur Anmeldung verwendet werden.`,
				DE_SELF,
				DE_NOT_YOU,
			],
			// Straight quotes in SMS: „“ are not in the GSM alphabet and would halve the length limit.
			sms: ({ name }) =>
				`Zu Ihrem Tessera-Konto wurde ein Passkey ("${inlineText(name)}") hinzugefügt. ${DE_SMS_NOT_YOU}`,
		},
		passkey_removed: {
			subject: () => "Ein Passkey wurde aus Ihrem Tessera-Konto entfernt",
			email: ({ name }) => [
				`Der Passkey „${inlineText(name)}“ wurde aus Ihrem Tessera-Konto entfernt. Er kann nicht mehr zur Anmeldung verwendet werden.`,
				DE_SELF,
				DE_NOT_YOU,
			],
			sms: ({ name }) => `Der Passkey "${inlineText(name)}" wurde aus Ihrem Tessera-Konto entfernt. ${DE_SMS_NOT_YOU}`,
		},
		recovery_codes_regenerated: {
			subject: () => "Neue Wiederherstellungscodes erstellt",
			email: () => [
				"Für Ihr Tessera-Konto wurden neue Wiederherstellungscodes erstellt. Ihre bisherigen Wiederherstellungscodes sind nicht mehr gültig.",
				DE_SELF,
				DE_NOT_YOU,
			],
			sms: () =>
				`Neue Wiederherstellungscodes für Ihr Tessera-Konto erstellt, die bisherigen sind ungültig. ${DE_SMS_NOT_YOU}`,
		},
		recovery_code_used: {
			subject: () => "Ein Wiederherstellungscode wurde verwendet",
			email: ({ remaining }) => [
				"Soeben wurde ein Wiederherstellungscode verwendet, um sich bei Ihrem Tessera-Konto anzumelden.",
				remaining === 0
					? "Sie haben keine Wiederherstellungscodes mehr. Erstellen Sie in den Sicherheitseinstellungen Ihres Kontos neue, damit Sie sich nicht aussperren."
					: `Sie haben noch ${plural(remaining, "Wiederherstellungscode", "Wiederherstellungscodes")}.`,
				DE_NOT_YOU,
			],
			sms: ({ remaining }) =>
				`Ein Wiederherstellungscode wurde zur Anmeldung bei Tessera verwendet. ${
					remaining === 0 ? "Keine Codes mehr übrig." : `Noch ${plural(remaining, "Code", "Codes")} übrig.`
				} ${DE_SMS_NOT_YOU}`,
		},
		account_locked: {
			subject: () => "Ihr Tessera-Konto wurde gesperrt",
			email: ({ minutes }) => [
				`Ihr Tessera-Konto wurde nach zu vielen fehlgeschlagenen Anmeldeversuchen für ${deMinutes(minutes)} gesperrt.`,
				"Danach können Sie sich wieder anmelden. Falls Sie nicht versucht haben, sich anzumelden, versucht möglicherweise jemand, Ihr Passwort zu erraten: Ändern Sie es so bald wie möglich und informieren Sie Ihren Administrator.",
			],
			sms: ({ minutes }) =>
				`Ihr Tessera-Konto ist nach zu vielen Fehlversuchen für ${deMinutes(minutes)} gesperrt. ${DE_SMS_NOT_YOU}`,
		},
		invitation: {
			subject: ({ organisation }) => `Einladung zu ${invitationName(organisation)} bei Tessera`,
			email: ({ url, inviterName, organisation, days }) => [
				`${invitationName(inviterName)} hat Sie eingeladen, ${invitationName(organisation)} bei Tessera beizutreten.`,
				"Öffnen Sie diesen Link, um die Einladung anzunehmen und Ihr Passwort festzulegen:",
				url,
				`Der Link funktioniert nur einmal und läuft in ${deDays(days)} ab.`,
				"Falls Sie diese Einladung nicht erwartet haben, können Sie diese Nachricht ignorieren.",
			],
			sms: ({ url, inviterName, organisation, days }) =>
				`${invitationName(inviterName)} hat Sie zu ${invitationName(organisation)} bei Tessera eingeladen: ${url} Der Link läuft in ${deDays(days)} ab.`,
		},
		account_dormant_warning: {
			subject: ({ days }) => `Ihr Tessera-Konto wird in ${deDays(days)} deaktiviert`,
			email: ({ date }, { locale }) => [
				`Bei Ihrem Tessera-Konto hat sich seit langer Zeit niemand angemeldet. Ihre Organisation deaktiviert ungenutzte Konten, daher wird Ihres am ${formatCalendarDate(date, locale)} deaktiviert.`,
				"Um es zu behalten, melden Sie sich einfach vorher an. Ist es deaktiviert, kann nur ein Administrator es wieder aktivieren.",
			],
			sms: ({ date }, { locale }) =>
				`Ihr ungenutztes Tessera-Konto wird am ${formatCalendarDate(date, locale)} deaktiviert. Melden Sie sich vorher an, um es zu behalten.`,
		},
		account_reactivated: {
			subject: () => "Ihr Tessera-Konto wurde wieder aktiviert",
			email: () => [
				"Ein Administrator hat Ihr Tessera-Konto wieder aktiviert. Sie können sich wieder anmelden.",
				"Falls Sie das nicht erwartet haben, wenden Sie sich bitte an Ihren Administrator.",
			],
			sms: () => "Ihr Tessera-Konto wurde wieder aktiviert. Unerwartet? Wenden Sie sich an Ihren Administrator.",
		},
		password_reset: {
			subject: () => "Ihr Tessera-Passwort zurücksetzen",
			email: ({ url, minutes }) => [
				"Jemand hat angefordert, das Passwort Ihres Tessera-Kontos zurückzusetzen. Öffnen Sie diesen Link, um ein neues zu wählen:",
				url,
				`Der Link funktioniert nur einmal und läuft in ${minutes} Minuten ab. Wenn Sie einen zweiten Faktor nutzen, brauchen Sie ihn weiterhin für die Anmeldung.`,
				"Falls Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.",
			],
			sms: ({ url, minutes }) => `Tessera-Passwort zurücksetzen: ${url} Der Link läuft in ${minutes} Minuten ab.`,
		},
	},
};

// ---------------------------------------------------------------------------------------------
// Dutch (informal "je", as Dutch software addresses its users)
// ---------------------------------------------------------------------------------------------

const nlMinutes = (n: number) => plural(n, "minuut", "minuten");
/** "uur" does not change after a number: "1 uur", "24 uur". */
const nlHours = (n: number) => `${n} uur`;
const nlDays = (n: number) => plural(n, "dag", "dagen");
const NL_METHOD: Record<TwoFactorType, string> = {
	totp: "authenticator-app",
	sms: "sms",
	email: "e-mail",
	passkey: "passkey",
};
const NL_IGNORE = "Heb je dit niet aangevraagd? Dan kun je dit bericht negeren.";
const NL_SELF = "Heb je deze wijziging zelf aangebracht? Dan hoef je verder niets te doen.";
const NL_NOT_YOU =
	"Was jij dit niet? Neem dan meteen contact op met je beheerder: misschien heeft iemand anders toegang tot je account.";
const NL_SMS_NOT_YOU = "Was jij dit niet? Neem meteen contact op met je beheerder.";

const nl: LanguagePack = {
	greeting: "Hallo,",
	footer: "Dit bericht is automatisch verstuurd door Tessera.",
	templates: {
		sign_in_code: {
			subject: () => "Je Tessera-inlogcode",
			email: ({ code, minutes }) => [
				`Je Tessera-inlogcode is ${code}. De code is ${nlMinutes(minutes)} geldig.`,
				"Voer de code in op de inlogpagina om verder te gaan. Deel deze code nooit: niemand van Tessera of van je organisatie zal je er ooit om vragen.",
				"Probeerde je niet in te loggen? Dan kent iemand misschien je wachtwoord. Wijzig het zo snel mogelijk.",
			],
			sms: ({ code, minutes }) =>
				`Je Tessera-inlogcode is ${code}. De code is ${nlMinutes(minutes)} geldig. Deel hem met niemand.`,
		},
		verify_email_code: {
			subject: () => "Bevestig je e-mailadres",
			email: ({ code, minutes }) => [
				`Je code om je e-mailadres te bevestigen is ${code}. De code is ${nlMinutes(minutes)} geldig.`,
				"Voer de code in om te bevestigen dat dit e-mailadres van jou is.",
				NL_IGNORE,
			],
			sms: ({ code, minutes }) =>
				`Je Tessera-code om je e-mailadres te bevestigen is ${code}. De code is ${nlMinutes(minutes)} geldig.`,
		},
		verify_email_link: {
			subject: () => "Bevestig je e-mailadres",
			email: ({ url, hours }) => [
				"Open deze link om je e-mailadres voor Tessera te bevestigen:",
				url,
				`De link werkt maar één keer en is ${nlHours(hours)} geldig.`,
				NL_IGNORE,
			],
			sms: ({ url, hours }) => `Bevestig je e-mailadres voor Tessera: ${url} De link is ${nlHours(hours)} geldig.`,
		},
		verify_phone_code: {
			subject: () => "Bevestig je telefoonnummer",
			email: ({ code, minutes }) => [
				`Je code om je telefoonnummer te bevestigen is ${code}. De code is ${nlMinutes(minutes)} geldig.`,
				NL_IGNORE,
			],
			sms: ({ code, minutes }) =>
				`Je Tessera-code om je telefoonnummer te bevestigen is ${code}. De code is ${nlMinutes(minutes)} geldig.`,
		},
		reauth_code: {
			subject: () => "Je Tessera-bevestigingscode",
			email: ({ code, minutes }) => [
				`Je Tessera-bevestigingscode is ${code}. De code is ${nlMinutes(minutes)} geldig.`,
				"Je hebt hem nodig om een wijziging in de beveiligingsinstellingen van je account te bevestigen. Deel deze code nooit.",
				"Heb je hem niet aangevraagd? Dan is misschien iemand anders op je account ingelogd. Wijzig je wachtwoord en neem contact op met je beheerder.",
			],
			sms: ({ code, minutes }) =>
				`Je Tessera-bevestigingscode is ${code}. De code is ${nlMinutes(minutes)} geldig. Deel hem met niemand.`,
		},
		password_changed: {
			subject: () => "Je Tessera-wachtwoord is gewijzigd",
			email: () => ["Het wachtwoord van je Tessera-account is zojuist gewijzigd.", NL_SELF, NL_NOT_YOU],
			sms: () => `Je Tessera-wachtwoord is gewijzigd. ${NL_SMS_NOT_YOU}`,
		},
		password_expiry_reminder: {
			subject: ({ days }) => `Je Tessera-wachtwoord verloopt over ${nlDays(days)}`,
			email: ({ days, date }, { locale }) => [
				`Je Tessera-wachtwoord verloopt over ${nlDays(days)}, op ${formatCalendarDate(date, locale)}.`,
				"Wijzig het voor die tijd in de beveiligingsinstellingen van je account. Anders moet je de volgende keer dat je inlogt een nieuw wachtwoord kiezen.",
			],
			sms: ({ days, date }, { locale }) =>
				`Je Tessera-wachtwoord verloopt over ${nlDays(days)}, op ${formatCalendarDate(date, locale)}. Wijzig het voor die tijd.`,
		},
		email_changed: {
			subject: () => "Het e-mailadres van je Tessera-account is gewijzigd",
			email: ({ newEmail }) => [
				`Het e-mailadres van je Tessera-account is gewijzigd in ${maskEmail(newEmail)}. Berichten over je account gaan vanaf nu naar het nieuwe adres.`,
				NL_SELF,
				NL_NOT_YOU,
			],
			sms: ({ newEmail }) =>
				`Het e-mailadres van je Tessera-account is gewijzigd in ${maskEmail(newEmail)}. ${NL_SMS_NOT_YOU}`,
		},
		phone_changed: {
			subject: () => "Het telefoonnummer van je Tessera-account is gewijzigd",
			email: () => [
				"Het telefoonnummer van je Tessera-account is gewijzigd. Codes en meldingen per sms gaan vanaf nu naar het nieuwe nummer.",
				NL_SELF,
				NL_NOT_YOU,
			],
			sms: () => `Het telefoonnummer van je Tessera-account is gewijzigd. ${NL_SMS_NOT_YOU}`,
		},
		mfa_enabled: {
			subject: () => "Tweestapsverificatie ingeschakeld",
			email: ({ method }) => [
				`Tweestapsverificatie via ${NL_METHOD[method]} is ingeschakeld voor je Tessera-account.`,
				NL_SELF,
				NL_NOT_YOU,
			],
			sms: ({ method }) =>
				`Tweestapsverificatie via ${NL_METHOD[method]} is ingeschakeld voor je Tessera-account. ${NL_SMS_NOT_YOU}`,
		},
		mfa_disabled: {
			subject: () => "Tweestapsverificatie uitgeschakeld",
			email: ({ method }) => [
				`Tweestapsverificatie via ${NL_METHOD[method]} is uitgeschakeld voor je Tessera-account.`,
				NL_SELF,
				NL_NOT_YOU,
			],
			sms: ({ method }) =>
				`Tweestapsverificatie via ${NL_METHOD[method]} is uitgeschakeld voor je Tessera-account. ${NL_SMS_NOT_YOU}`,
		},
		passkey_added: {
			subject: () => "Er is een passkey toegevoegd aan je Tessera-account",
			email: ({ name }) => [
				`Er is een passkey met de naam "${inlineText(name)}" toegevoegd aan je Tessera-account. Je kunt er vanaf nu mee inloggen.`,
				NL_SELF,
				NL_NOT_YOU,
			],
			sms: ({ name }) =>
				`Er is een passkey ("${inlineText(name)}") toegevoegd aan je Tessera-account. ${NL_SMS_NOT_YOU}`,
		},
		passkey_removed: {
			subject: () => "Er is een passkey verwijderd uit je Tessera-account",
			email: ({ name }) => [
				`De passkey "${inlineText(name)}" is verwijderd uit je Tessera-account. Je kunt er niet meer mee inloggen.`,
				NL_SELF,
				NL_NOT_YOU,
			],
			sms: ({ name }) => `De passkey "${inlineText(name)}" is verwijderd uit je Tessera-account. ${NL_SMS_NOT_YOU}`,
		},
		recovery_codes_regenerated: {
			subject: () => "Nieuwe herstelcodes aangemaakt",
			email: () => [
				"Er zijn nieuwe herstelcodes aangemaakt voor je Tessera-account. Je vorige herstelcodes werken niet meer.",
				NL_SELF,
				NL_NOT_YOU,
			],
			sms: () =>
				`Er zijn nieuwe herstelcodes aangemaakt voor je Tessera-account. De oude werken niet meer. ${NL_SMS_NOT_YOU}`,
		},
		recovery_code_used: {
			subject: () => "Er is een herstelcode gebruikt",
			email: ({ remaining }) => [
				"Er is zojuist een herstelcode gebruikt om in te loggen op je Tessera-account.",
				remaining === 0
					? "Je hebt geen herstelcodes meer. Maak nieuwe aan in de beveiligingsinstellingen van je account, zodat je niet buitengesloten raakt."
					: `Je hebt nog ${plural(remaining, "herstelcode", "herstelcodes")} over.`,
				NL_NOT_YOU,
			],
			sms: ({ remaining }) =>
				`Er is een herstelcode gebruikt om in te loggen bij Tessera. ${
					remaining === 0 ? "Geen codes meer over." : `Nog ${plural(remaining, "code", "codes")} over.`
				} ${NL_SMS_NOT_YOU}`,
		},
		account_locked: {
			subject: () => "Je Tessera-account is geblokkeerd",
			email: ({ minutes }) => [
				`Je Tessera-account is voor ${nlMinutes(minutes)} geblokkeerd na te veel mislukte inlogpogingen.`,
				"Daarna kun je weer inloggen. Probeerde je niet in te loggen? Dan probeert iemand misschien je wachtwoord te raden. Wijzig het zo snel mogelijk en laat het je beheerder weten.",
			],
			sms: ({ minutes }) =>
				`Je Tessera-account is voor ${nlMinutes(minutes)} geblokkeerd na te veel mislukte inlogpogingen. ${NL_SMS_NOT_YOU}`,
		},
		invitation: {
			subject: ({ organisation }) => `Uitnodiging voor ${invitationName(organisation)} op Tessera`,
			email: ({ url, inviterName, organisation, days }) => [
				`${invitationName(inviterName)} heeft je uitgenodigd voor ${invitationName(organisation)} op Tessera.`,
				"Open deze link om de uitnodiging te accepteren en je wachtwoord te kiezen:",
				url,
				`De link werkt één keer en verloopt over ${nlDays(days)}.`,
				"Had je deze uitnodiging niet verwacht? Dan kun je dit bericht negeren.",
			],
			sms: ({ url, inviterName, organisation, days }) =>
				`${invitationName(inviterName)} heeft je uitgenodigd voor ${invitationName(organisation)} op Tessera: ${url} De link verloopt over ${nlDays(days)}.`,
		},
		account_dormant_warning: {
			subject: ({ days }) => `Je Tessera-account wordt over ${nlDays(days)} gedeactiveerd`,
			email: ({ date }, { locale }) => [
				`Er is al lange tijd niet ingelogd op je Tessera-account. Je organisatie deactiveert ongebruikte accounts, dus de jouwe wordt op ${formatCalendarDate(date, locale)} gedeactiveerd.`,
				"Wil je hem houden? Log dan voor die datum in. Is hij eenmaal gedeactiveerd, dan kan alleen een beheerder hem weer activeren.",
			],
			sms: ({ date }, { locale }) =>
				`Je ongebruikte Tessera-account wordt op ${formatCalendarDate(date, locale)} gedeactiveerd. Log voor die tijd in om hem te houden.`,
		},
		account_reactivated: {
			subject: () => "Je Tessera-account is weer actief",
			email: () => [
				"Een beheerder heeft je Tessera-account weer geactiveerd. Je kunt weer inloggen.",
				"Had je dit niet verwacht? Neem dan contact op met je beheerder.",
			],
			sms: () => "Je Tessera-account is weer geactiveerd. Niet verwacht? Neem contact op met je beheerder.",
		},
		password_reset: {
			subject: () => "Je Tessera-wachtwoord opnieuw instellen",
			email: ({ url, minutes }) => [
				"Iemand heeft gevraagd het wachtwoord van je Tessera-account opnieuw in te stellen. Open deze link om een nieuw wachtwoord te kiezen:",
				url,
				`De link werkt één keer en verloopt over ${minutes} minuten. Gebruik je een tweede factor, dan heb je die nog steeds nodig om in te loggen.`,
				"Heb je hier niet om gevraagd? Negeer dan dit bericht: je wachtwoord blijft ongewijzigd.",
			],
			sms: ({ url, minutes }) =>
				`Tessera-wachtwoord opnieuw instellen: ${url} De link verloopt over ${minutes} minuten.`,
		},
	},
};

const LANGUAGE_PACKS: Record<MessageLanguage, LanguagePack> = { en, de, nl };

/** Every template, in catalogue order. The catalogue's mapped type guarantees the list is complete. */
export const MESSAGE_TEMPLATES = Object.keys(en.templates) as MessageTemplate[];

const isMessageLanguage = (value: string): value is MessageLanguage =>
	(MESSAGE_LANGUAGES as readonly string[]).includes(value);

/**
 * Picks the language of a message from a BCP 47 tag (`de-CH` → German). Anything missing,
 * malformed or not offered falls back to English; POSIX-style `de_CH` is accepted too.
 */
export function resolveMessageLanguage(tag: string | null): { language: MessageLanguage; locale: string } {
	const fallback = { language: "en", locale: "en" } as const;
	if (!tag) return fallback;
	let locale: Intl.Locale;
	try {
		locale = new Intl.Locale(tag.trim().replace(/_/g, "-"));
	} catch {
		return fallback;
	}
	const language = locale.language.toLowerCase();
	if (!isMessageLanguage(language)) return fallback;
	// Keep only language and region: extensions such as `-u-ca-buddhist` would change the calendar.
	return { language, locale: locale.region ? `${language}-${locale.region}` : language };
}

/**
 * Renders one message. Guarantees: the text is the fixed wording of `template` in the recipient's
 * language (English when not offered) plus values taken from `params` only; an email has a
 * subject and a plain-text body, an SMS has no subject and a short body.
 */
export function renderMessage<T extends MessageTemplate>(
	template: T,
	params: MessageParams[T],
	language: string | null,
	channel: MessageChannel,
): RenderedMessage {
	const resolved = resolveMessageLanguage(language);
	const pack = LANGUAGE_PACKS[resolved.language];
	const text: TemplateText<MessageParams[T]> = pack.templates[template];
	const context: RenderContext = { locale: resolved.locale };
	if (channel === "sms") return { subject: null, body: text.sms(params, context) };
	return {
		subject: text.subject(params, context),
		body: [pack.greeting, ...text.email(params, context), pack.footer].join("\n\n"),
	};
}
