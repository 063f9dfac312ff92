// Passwords attackers try first (public breach-frequency lists), lower-cased. Checked case-insensitively;
// only those of 8+ characters matter, as shorter ones fail the length rule first.
export const COMMON_PASSWORDS: readonly string[] = [
  "123456789", "12345678", "password", "qwerty123", "1q2w3e4r", "1234567890", "password1", "iloveyou", "qwertyuiop",
  "password123", "1qaz2wsx", "987654321", "sunshine", "princess", "football", "baseball", "welcome1", "admin123",
  "administrator", "passw0rd", "p@ssw0rd", "p@ssword", "trustno1", "superman", "jennifer", "11111111", "88888888",
  "12341234", "zaq12wsx", "asdfghjk", "asdfasdf", "qwer1234", "abcd1234", "aa123456", "a1b2c3d4", "changeme",
  "changeme1", "secret123", "starwars", "whatever", "hello123", "computer", "internet", "liverpool", "jordan23",
  "michelle", "password12", "password1234", "qwerty12", "1password", "1234qwer", "zxcvbnm1", "asdf1234", "q1w2e3r4",
  "iloveyou1", "football1", "baseball1", "princess1", "sunshine1", "monkey123", "dragon123", "letmein1",
  "welcome123", "stockflow", "stockflow1", "stockflow123", "inventory", "warehouse", "company123", "guest123",
  "test1234", "testtest", "11223344", "147258369", "789456123", "00000000", "12121212", "summer2024", "winter2024",
  "spring2024", "autumn2024", "summer2025", "winter2025", "summer2026", "winter2026", "spring2026", "autumn2026",
];
