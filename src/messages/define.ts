// One feature's strings. English comes first: its keys and texts (kept as literal types) type the other languages.
export function defineMessages<const E extends Record<string, string>>(messages: { en: E; nl: { [K in keyof E]: string } }) {
  return messages;
}
