import type { ChangeEventHandler, FocusEventHandler, Ref } from "react";
import { SECTIGO_MODES, type UpdateResellerAccountInput } from "@/lib/settings/reseller-account-schemas";
import { Field, inputClass } from "@/components/ui/field";

export type AccountFieldName = Exclude<keyof UpdateResellerAccountInput, "id">;

/** What react-hook-form's `register(name)` gives a control (a plain `{ name }` in a render test). */
export type Registered = { name: string; onChange?: ChangeEventHandler; onBlur?: FocusEventHandler; ref?: Ref<HTMLInputElement & HTMLSelectElement> };

/**
 * The account form's controls, each with its error right beside it. Pure: the form passes
 * `register` and the errors, and the generated test (tests/unit/reseller-account-fields.test.ts)
 * renders it with every message the schemas can give, to check each one lands beside its field.
 */
export function ResellerAccountFields(props: {
  errors: Partial<Record<AccountFieldName, string>>;
  register: (name: AccountFieldName) => Registered;
  editing: boolean;
  /** The catalog's products ordered through PlaceOrder (which sends the brand). */
  placeOrderProducts?: string[];
}) {
  const { errors, register } = props;
  const input = (name: AccountFieldName) => ({ className: inputClass, "aria-invalid": !!errors[name] || undefined, ...register(name) });
  const brandUse = props.placeOrderProducts?.length ? ` (${props.placeOrderProducts.slice(0, 3).join(", ")}${props.placeOrderProducts.length > 3 ? "…" : ""})` : "";
  return (
    <>
      <Field id="acct-label" label="Label" error={errors.label} hint="How staff see this account, e.g. “Main reseller”; pickers add its mode (live or sandbox).">
        <input id="acct-label" {...input("label")} />
      </Field>
      <Field id="acct-login" label="Sectigo login name" error={errors.loginName}>
        <input id="acct-login" autoComplete="off" {...input("loginName")} />
      </Field>
      <Field
        id="acct-password"
        label="Sectigo password"
        error={errors.password}
        hint={props.editing ? "Leave empty to keep the stored password. It is never shown again." : "Stored encrypted; it is never shown again."}
      >
        <input id="acct-password" type="password" autoComplete="new-password" {...input("password")} />
      </Field>
      <Field
        id="acct-brand"
        label="Brand (ap), required"
        error={errors.apBrand}
        hint={`Required: the \`ap\` value on your Ordering URLs page in Sectigo's Reseller Area. PlaceOrder${brandUse} and ordering URLs refuse an order without it.`}
      >
        <input id="acct-brand" aria-required="true" {...input("apBrand")} />
      </Field>
      <Field id="acct-url" label="API base URL" error={errors.apiBaseUrl} hint="Sectigo’s /products/ root, e.g. https://secure.trust-provider.com/products/">
        <input id="acct-url" type="url" {...input("apiBaseUrl")} />
      </Field>
      <Field id="acct-mode" label="Mode" error={errors.mode} hint="LIVE places real orders and requires https.">
        <select id="acct-mode" {...input("mode")}>
          {SECTIGO_MODES.map((m) => (
            <option key={m} value={m}>
              {m === "LIVE" ? "LIVE (real orders)" : "SANDBOX (test)"}
            </option>
          ))}
        </select>
      </Field>
      <Checkbox id="acct-autorenew" label="New licenses renew automatically by default" error={errors.autoRenewDefault} registered={register("autoRenewDefault")} />
      <Checkbox id="acct-default" label="Default account for new orders" error={errors.isDefault} registered={register("isDefault")} />
    </>
  );
}

function Checkbox(props: { id: string; label: string; error?: string; registered: Registered }) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input id={props.id} type="checkbox" className="h-4 w-4" aria-invalid={!!props.error || undefined} aria-describedby={props.error ? `${props.id}-error` : undefined} {...props.registered} />
        {props.label}
      </label>
      {props.error ? (
        <p id={`${props.id}-error`} className="text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
