import { useEffect, useState, type ReactNode } from "react";
import { Link, NavLink, useLocation } from "react-router";

/** A link in the service navigation; `badge` is a count shown beside it, with words for it. */
export type NavItem = { to: string; label: string; badge?: { text: string; label: string } };

const WIDE = "(min-width: 40.0625em)";

/** Whether the screen is wide enough for the whole menu to show without the Menu button. */
function useWideScreen(): boolean {
  const [wide, setWide] = useState(() => typeof window.matchMedia !== "function" || window.matchMedia(WIDE).matches);
  useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const query = window.matchMedia(WIDE);
    const update = () => setWide(query.matches);
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return wide;
}

type Props = {
  navigation: NavItem[];
  children: ReactNode;
};

/** Skip link, header with the service name, service navigation, main and footer. */
export function PageLayout({ navigation, children }: Props) {
  const wide = useWideScreen();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  // A new page closes the menu on a small screen.
  useEffect(() => setOpen(false), [pathname]);
  const collapsible = navigation.length > 4 && !wide;
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
            {collapsible && (
              <button
                type="button"
                className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls="navigation"
                aria-expanded={open}
                onClick={() => setOpen((value) => !value)}
              >
                Menu
              </button>
            )}
            <ul className="govuk-service-navigation__list" id="navigation" hidden={collapsible && !open}>
              {navigation.map((item) => (
                <li key={item.to} className="govuk-service-navigation__item">
                  <NavLink to={item.to} end className="govuk-service-navigation__link">
                    {item.label}
                    {item.badge && (
                      <>
                        <span className="govuk-visually-hidden"> ({item.badge.label})</span>
                        <span className="app-nav-badge" aria-hidden="true">
                          {item.badge.text}
                        </span>
                      </>
                    )}
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
