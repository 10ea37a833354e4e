/** Citizen pages (the portal) offer 适老化 large text; the workbench and studio keep their dense layouts. */
export const isCitizenPath = (pathname: string) => !/^\/(workbench|studio|api)(\/|$)/.test(pathname);
