/** How a workplace or home outside the city's 13 stadsdelsområden is named everywhere. */
export const OUTSIDE_STOCKHOLM = 'Utanför Stockholm';
