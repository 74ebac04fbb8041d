// The visitor's theme choice (packages/ui/src/theme-select.tsx keeps it), applied before the first
// paint so a dark choice on a light system never flashes light. A classic script loaded from
// <head>: the Content-Security-Policy allows no inline script, and a module would run too late.
try {
	const choice = window.localStorage.getItem("tessera.theme");
	if (choice === "light" || choice === "dark") document.documentElement.dataset.theme = choice;
} catch (_error) {
	// Storage can be off (privacy mode): the system's preference applies.
}
