import type { ReactNode } from "react";
import { Link, NavLink } from "react-router";

export type NavItem = { to: string; label: string };

type Props = {
  navigation: NavItem[];
  children: ReactNode;
};

/** Skip link, header with the service name, service navigation, main and footer. */
export function PageLayout({ navigation, children }: Props) {
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-header app-header" role="banner">
        <div className="govuk-header__container govuk-width-container">
          <Link to="/" className="govuk-header__link govuk-header__service-name app-header__name">
            Coproduce
          </Link>
        </div>
      </header>
      <section aria-label="Service information" className="govuk-service-navigation">
        <div className="govuk-width-container">
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <ul className="govuk-service-navigation__list">
              {navigation.map((item) => (
                <li key={item.to} className="govuk-service-navigation__item">
                  <NavLink to={item.to} end className="govuk-service-navigation__link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </section>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <h2 className="govuk-visually-hidden">Support links</h2>
              <ul className="govuk-footer__inline-list">
                <li className="govuk-footer__inline-list-item">
                  <a className="govuk-footer__link" href="/verify/">
                    Check a letter
                  </a>
                </li>
                <li className="govuk-footer__inline-list-item">
                  <a className="govuk-footer__link" href="/api/docs/">
                    API documentation
                  </a>
                </li>
              </ul>
              <p className="govuk-body-s">
                Coproduce does not give benefits advice. For free, independent advice, contact Citizens
                Advice, Turn2us or Disability Rights UK.
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
