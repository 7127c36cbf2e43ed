// Lint: TypeScript's recommended rules and the rules of React hooks.
const tseslint = require("typescript-eslint");
const reactHooks = require("eslint-plugin-react-hooks");

module.exports = tseslint.config(
  { ignores: ["build/**", "public/build/**", "bench/floor/build/**", "bench/floor/public/build/**", "bench/floor/.cache/**", ".cache/**", "node_modules/**", "data/**", "tmp/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // A body that is not a form must answer 400, not 500: routes read it through readForm.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='formData'][callee.object.name='request']",
          message: "Lisez le formulaire avec readForm(request) (app/utils/forms.server.ts) : un corps illisible doit répondre 400, pas 500.",
        },
      ],
    },
  },
  {
    // Posted forms carry a one-time token (decision 021): they use ~/components/once-form.
    files: ["app/**/*.tsx"],
    ignores: ["app/components/once-form.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@remix-run/react", importNames: ["Form"], message: "Use Form from ~/components/once-form (one-time token, decision 021)." }] },
      ],
    },
  },
  {
    files: ["scripts/**", "server.js", "tests/**"],
    rules: { "no-console": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
