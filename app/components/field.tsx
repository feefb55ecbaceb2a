import { getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import type { z } from 'zod';
import { useEffect, type ReactNode } from 'react';
import { parseSubmission } from '../forms/submission';

// Conform's metadata is generic over the whole form; the components only need the field part.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = FieldMetadata<any, any, string[]>;

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

type InputType = 'text' | 'email' | 'password' | 'date' | 'number' | 'search' | 'tel' | 'url';

export function TextField({
  meta,
  label,
  type = 'text',
  autoComplete,
  description,
  inputMode,
}: {
  meta: AnyField;
  label: string;
  type?: InputType;
  autoComplete?: string;
  description?: ReactNode;
  inputMode?: 'numeric' | 'text' | 'email';
}) {
  const props = getInputProps(meta, { type, ariaDescribedBy: description ? `${meta.id}-description` : undefined });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {description ? (
        <p className="field-description" id={`${meta.id}-description`}>
          {description}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextAreaField({ meta, label, rows = 4 }: { meta: AnyField; label: string; rows?: number }) {
  const props = getTextareaProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea {...props} key={props.key} rows={rows} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  placeholder = 'Välj …',
}: {
  meta: AnyField;
  label: string;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}) {
  const props = getSelectProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...props} key={props.key}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A form-level message (errors that belong to no single field). */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div className="alert alert-error" role="alert" id={id}>
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/**
 * After the server rejected a submission, moves focus to the first invalid field so keyboard
 * and screen-reader users land on the problem.
 */
export function useFocusFirstError(formId: string, lastResult: unknown) {
  useEffect(() => {
    if (!lastResult) return;
    const form = document.getElementById(formId);
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? form?.querySelector<HTMLElement>('[role="alert"]'))?.focus();
  }, [formId, lastResult]);
}

export function CheckboxField({ meta, label, description }: { meta: AnyField; label: string; description?: string }) {
  const { key, ...props } = getInputProps(meta, { type: 'checkbox', value: 'on' });
  return (
    <div className="field field-checkbox">
      <input {...props} key={key} />
      <label htmlFor={meta.id}>{label}</label>
      {description ? <p className="field-description">{description}</p> : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function GroupedSelectField({
  meta,
  label,
  groups,
  placeholder = 'Välj …',
}: {
  meta: AnyField;
  label: string;
  groups: Array<{ label: string; options: Array<{ value: string; label: string }> }>;
  placeholder?: string;
}) {
  const { key, ...props } = getSelectProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...props} key={key}>
        <option value="">{placeholder}</option>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * A conform form validated by its zod schema, the same one the action parses with. Validates a
 * field when it loses focus (or on submit), and once an error shows, again on every keystroke: the
 * error clears while the person types, not when they reach for the submit button (the layout
 * shift would swallow that click).
 */
export function useSchemaForm<Schema extends z.ZodType>({
  schema,
  shouldValidate = 'onBlur',
  ...options
}: {
  id: string;
  schema: Schema;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Parameters<typeof useForm<z.input<Schema> & Record<string, unknown>>>[0]['defaultValue'];
  shouldValidate?: 'onSubmit' | 'onBlur';
}) {
  return useForm<z.input<Schema> & Record<string, unknown>, z.output<Schema>>({
    ...options,
    onValidate: ({ formData }) => parseSubmission(formData, { schema }) as never,
    shouldValidate,
    shouldRevalidate: 'onInput',
  });
}

/** A group of checkboxes sharing one name (a multi-valued field), with its legend and errors. */
export function CheckboxGroupField({
  meta,
  legend,
  options,
  description,
}: {
  meta: AnyField;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  description?: string;
}) {
  const chosen = new Set([meta.initialValue ?? []].flat().map(String));
  return (
    <fieldset aria-describedby={meta.errors?.length ? meta.errorId : undefined} aria-invalid={meta.errors?.length ? true : undefined}>
      <legend>{legend}</legend>
      {description ? <p className="field-description">{description}</p> : null}
      {options.map((o) => {
        const id = `${meta.id}-${o.value}`;
        return (
          <div className="field field-checkbox" key={`${meta.key ?? ''}${o.value}`}>
            <input type="checkbox" id={id} name={meta.name} value={o.value} defaultChecked={chosen.has(o.value)} />
            <label htmlFor={id}>{o.label}</label>
          </div>
        );
      })}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
