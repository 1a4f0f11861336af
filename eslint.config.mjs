// Lint rules that guard the rooms of docs/architecture.md: floating promises, import cycles, and who may import whom.
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import prettier from "eslint-config-prettier";

const restrict = (patterns, message) => ["error", { patterns: patterns.map((group) => ({ group: [group], message })) }];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test/artifacts/**", "appPackage/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts", "bench/**/*.ts", "test/**/*.ts"],
    languageOptions: { parserOptions: { project: "./tsconfig.test.json", tsconfigRootDir: import.meta.dirname } },
    plugins: { "import-x": importX },
    settings: { "import-x/resolver": { node: { extensions: [".ts", ".js"] } } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "max-lines": ["error", { max: 800, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: { "max-lines-per-function": ["error", { max: 120, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        ["**/bot/**", "**/store/**", "**/http/**", "**/usecases/**", "**/jobs/**", "node:*"],
        "src/domain is the pure core: it imports nothing outside src/domain (and src/i18n).",
      ),
    },
  },
  {
    files: ["src/usecases/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        ["**/bot/**", "**/http/**"],
        "use cases talk to Teams through a port (src/usecases/ports.ts) that src/bot implements.",
      ),
    },
  },
  {
    files: ["src/i18n/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        ["**/bot/**", "**/store/**", "**/http/**", "**/usecases/**", "**/jobs/**"],
        "src/i18n holds texts only.",
      ),
    },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "max-lines": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  prettier,
);
