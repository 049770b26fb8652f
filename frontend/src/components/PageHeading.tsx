import { usePageTitle } from "@/hooks/usePageTitle";

type Props = { children: string; caption?: string; hasErrors?: boolean };

/** The page's one h1, which also sets the document title "<heading> – Coproduce". */
export function PageHeading({ children, caption, hasErrors = false }: Props) {
  usePageTitle(children, hasErrors);
  return (
    <h1 className="govuk-heading-l">
      {caption && <span className="govuk-caption-l">{caption}</span>}
      {children}
    </h1>
  );
}
