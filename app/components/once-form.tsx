// Every posted form of the app goes through this `Form` (lint forbids Remix's own outside this
// file): it carries a one-time token as its first field (decision 021). The server's HTML holds
// a token, so forms without JavaScript have one; with JavaScript, a new token is drawn once a
// submission of this form has completed, or as soon as the form is changed after being sent (an
// audit grid saving a second change while the first is on its way): the next submission is a
// new one, while a double click or a retry of the same one is recognised.
import { Form as RemixForm, useFetchers, useNavigation, type FormProps } from "@remix-run/react";
import { forwardRef, useEffect, useRef, useState } from "react";
import { FORM_TOKEN_FIELD, newFormToken } from "~/domain/form-token";

/** The hidden token field; forms that are not this `Form` (a fetcher's) put it first themselves. */
export function FormTokenField() {
  const [token, setToken] = useState(newFormToken);
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const carrying = [navigation, ...fetchers].some((s) => s.state !== "idle" && s.formData?.get(FORM_TOKEN_FIELD) === token);
  const wasCarrying = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (carrying) wasCarrying.current = true;
    else if (wasCarrying.current) {
      wasCarrying.current = false;
      setToken(newFormToken());
    }
  }, [carrying]);
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const changed = () => {
      if (!wasCarrying.current) return;
      wasCarrying.current = false;
      setToken(newFormToken());
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    return () => {
      form.removeEventListener("input", changed);
      form.removeEventListener("change", changed);
    };
  }, []);
  // The server's token and the browser's differ; the browser's replaces it when the page
  // takes over (both are unused), hence no hydration warning.
  return <input ref={input} type="hidden" name={FORM_TOKEN_FIELD} value={token} suppressHydrationWarning />;
}

export const Form = forwardRef<HTMLFormElement, FormProps>(function Form({ children, ...props }, ref) {
  const posted = (props.method ?? "get").toLowerCase() !== "get";
  return (
    <RemixForm ref={ref} {...props}>
      {posted ? <FormTokenField /> : null}
      {children}
    </RemixForm>
  );
});
