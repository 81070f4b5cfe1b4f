// A stand-in for the react-style-singleton package, with its API and counting, for this app's
// Content-Security-Policy. react-remove-scroll (which Radix's modal dialog and select use to lock the page's
// scrolling) writes its rules through that package into a <style> element, and `style-src 'self'` refuses
// every such element (a console error each time a dialog opens, and the rules lost). Here the same rules go
// into a constructed stylesheet adopted by the document: CSSOM, which the policy allows. The renderer's
// build puts this file in the package's place (scripts/vite-csp-safe-styles.ts).
import { useEffect, type FC } from 'react';

interface Sheet {
  add(style: string): void;
  remove(): void;
}

/** Rules added on the first add() and removed on the last remove(), whatever is in between. */
export function stylesheetSingleton(): Sheet {
  let counter = 0;
  let sheet: CSSStyleSheet | null = null;
  return {
    add(style) {
      if (counter === 0) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(style);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }
      counter += 1;
    },
    remove() {
      counter -= 1;
      if (counter === 0 && sheet) {
        const gone = sheet;
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== gone);
        sheet = null;
      }
    },
  };
}

export function styleHookSingleton(): (styles: string, isDynamic?: boolean) => void {
  const sheet = stylesheetSingleton();
  return (styles, isDynamic) => {
    // As the original: re-applied on a change only when the styles are marked dynamic.
    useEffect(() => {
      sheet.add(styles);
      return () => sheet.remove();
    }, [styles && isDynamic]);
  };
}

export function styleSingleton(): FC<{ styles: string; dynamic?: boolean }> {
  const useStyle = styleHookSingleton();
  return function Sheet({ styles, dynamic }) {
    useStyle(styles, dynamic);
    return null;
  };
}
