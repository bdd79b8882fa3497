import { describe, expect, it } from 'vitest';
import { defuseFormula, spreadsheetMobile } from './exports';

describe('the CSV cells', () => {
  it('writes mobiles spaced, as the tablet shows them, which Excel keeps as text', () => {
    expect(spreadsheetMobile('+491725551234')).toBe('+49 172 5551234');
    expect(spreadsheetMobile('+436641234567')).toBe('+43 664 1234567');
    expect(defuseFormula(spreadsheetMobile('+491725551234'))).toBe('+49 172 5551234');
  });

  it('defuses everything else that could start a formula, a plus included', () => {
    expect(defuseFormula('+491725551234')).toBe("'+491725551234");
    expect(defuseFormula('+49 172 5551234+A1')).toBe("'+49 172 5551234+A1");
    expect(defuseFormula('+1 2 3 4 5 6')).toBe("'+1 2 3 4 5 6");
    expect(defuseFormula('=1+1')).toBe("'=1+1");
    expect(defuseFormula('-Stadt')).toBe("'-Stadt");
    expect(defuseFormula('Anna')).toBe('Anna');
  });
});
