import { Fragment } from "react";

/** Lets a long domain or email wrap after its dots, hyphens and @ on a narrow screen, never mid-label. */
export function Breakable({ text }: { text: string }) {
  return text.split(/(?<=[.@-])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}
