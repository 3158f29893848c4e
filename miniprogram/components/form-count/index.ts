/**
 * The one line next to a form's 提交 button that says how many fields still need work
 * (「还有2项需要填写」), so a resident whose messages sit above the fold knows to scroll up.
 * It counts the form's field messages (`errors`, as formSubmit writes them): each message
 * a field clears as it is fixed takes the number down, and the line goes at zero.
 */
export function fieldsToFix(errors: Record<string, unknown> | null | undefined): number {
  if (!errors) return 0;
  return Object.values(errors).filter((m) => typeof m === 'string' && m.length > 0).length;
}

Component({
  options: { addGlobalClass: true },
  properties: {
    errors: { type: Object, value: {} },
  },
  data: { count: 0 },
  observers: {
    errors(errors: Record<string, unknown>) {
      this.setData({ count: fieldsToFix(errors) });
    },
  },
});
