import { Meter, type MeterTone } from "@tessera/ui/meter";
import { useTranslation } from "react-i18next";

const SCORE_KEYS = [
	"passwordStrength.score0",
	"passwordStrength.score1",
	"passwordStrength.score2",
	"passwordStrength.score3",
	"passwordStrength.score4",
] as const;

const TONES: readonly MeterTone[] = ["danger", "danger", "warning", "success", "success"];

/** zxcvbn's 0–4 score as a five-step bar with a word ("Weak" … "Strong"). */
export function PasswordStrengthMeter({ score }: { score: number }) {
	const { t } = useTranslation();
	const level = Math.min(4, Math.max(0, Math.round(score)));
	return (
		<Meter
			value={level + 1}
			max={5}
			label={t("passwordStrength.label")}
			valueText={t(SCORE_KEYS[level] ?? "passwordStrength.score0")}
			tone={TONES[level] ?? "danger"}
		/>
	);
}
