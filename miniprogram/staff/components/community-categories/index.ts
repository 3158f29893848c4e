import { call } from '../../../services/api';
import type { ContractInput } from '../../../core/action';
import { listCategories, upsertCategory, type CategoryAdminView, type CategoryView } from '../../../core/concern/contract';
import { emptyErrors } from '../../../services/form';
import { formKeys, formSubmit } from '../../../services/form-submit';
import { collectPages } from '../../../services/paging';
import { instanceState } from '../../../services/page-state';
import { lazyTab } from '../../behaviors/lazy-tab';
import type { FieldInput, Tap } from '../community-events';

const CATEGORY_FIELDS = ['name', 'contactHours', 'resolveDays', 'residentWaitDays', 'order', 'active', 'templates'] as const;

interface CategoryRow {
  id: string;
  name: string;
  limits: string;
}

/**
 * What an admin may see beyond CategoryView once the list offers it. Read when present so
 * editing never silently drops templates; when absent the form says they will be replaced.
 */
type EditableCategory = CategoryView & Partial<Pick<CategoryAdminView, 'order' | 'active' | 'templates' | 'residentWaitDays'>>;

function categoryRow(c: EditableCategory): CategoryRow {
  const wait = c.residentWaitDays ? `，待居民补充最长${c.residentWaitDays}天` : '';
  return { id: c.id, name: c.name, limits: `${c.contactHours}小时内联系，${c.resolveDays}天内办结${wait}` };
}

/** One template per non-empty line, as staff type them. */
function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

const emptyCategoryForm = () => ({ name: '', contactHours: '24', resolveDays: '7', residentWaitDays: '7', order: '100', active: true, templates: '' });

const state = instanceState(() => ({ categories: [] as EditableCategory[], loaded: false, editId: '' }));

const categoryForm = formSubmit(upsertCategory, { fields: CATEGORY_FIELDS, keys: formKeys('category') });

/** 社区管理 › 说事分类: what residents pick from, with its time limits and reply templates. */
Component({
  behaviors: [lazyTab],
  options: { addGlobalClass: true },
  data: {
    categories: [] as CategoryRow[],
    categoriesError: '',
    categoryEditing: false,
    templatesUnknown: false,
    categoryForm: emptyCategoryForm(),
    categoryErrors: emptyErrors(CATEGORY_FIELDS),
    categoryError: '',
    categorySaved: '',
    saving: false,
  },
  methods: {
    shown() {
      if (!state(this).loaded) void this.loadCategories();
    },
    async loadCategories() {
      const s = state(this);
      // Set before the answer: attaching and the first `active` both ask, once is enough.
      s.loaded = true;
      const res = await collectPages((cursor) => call(listCategories, { cursor, limit: 50 }));
      if (!res.ok) {
        s.loaded = false;
        this.setData({ categoriesError: res.error.message });
        return;
      }
      s.categories = res.data as EditableCategory[];
      this.setData({ categoriesError: '', categories: s.categories.map(categoryRow) });
    },
    onCategoryField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !(field in this.data.categoryForm) || field === 'active') return;
      this.setData({ [`categoryForm.${field}`]: e.detail.value, [`categoryErrors.${field}`]: '', categorySaved: '' });
    },
    onCategoryActive(e: WechatMiniprogram.SwitchChange) {
      this.setData({ 'categoryForm.active': e.detail.value, categorySaved: '' });
    },
    editCategory(e: Tap) {
      const s = state(this);
      const c = s.categories.find((x) => x.id === e.currentTarget.dataset.id);
      if (!c) return;
      s.editId = c.id;
      categoryForm(this).clear();
      this.setData({
        categoryEditing: true,
        templatesUnknown: !Array.isArray(c.templates),
        categoryForm: {
          name: c.name,
          contactHours: String(c.contactHours),
          resolveDays: String(c.resolveDays),
          residentWaitDays: String(c.residentWaitDays ?? 7),
          order: String(c.order ?? 100),
          active: c.active ?? true,
          templates: (c.templates ?? []).join('\n'),
        },
        categorySaved: '',
      });
    },
    cancelCategory() {
      state(this).editId = '';
      categoryForm(this).clear();
      this.setData({ categoryEditing: false, templatesUnknown: false, categoryForm: emptyCategoryForm() });
    },
    async saveCategory() {
      const s = state(this);
      const f = this.data.categoryForm;
      const input: Record<string, unknown> = { name: f.name, active: f.active, templates: splitLines(f.templates) };
      if (s.editId) input.categoryId = s.editId;
      // Empty number boxes go as missing: required ones get the schema's message, order its default.
      for (const k of ['contactHours', 'resolveDays', 'residentWaitDays', 'order'] as const) if (f[k].trim()) input[k] = Number(f[k]);
      this.setData({ categorySaved: '' });
      const res = await categoryForm(this).submit(input as ContractInput<typeof upsertCategory>);
      if (!res?.ok) return;
      const c = res.data;
      const i = s.categories.findIndex((x) => x.id === c.id);
      // The resident list shows active categories only; keep this one in step with it.
      if (i >= 0) {
        if (c.active) s.categories[i] = c;
        else s.categories.splice(i, 1);
      } else if (c.active) s.categories.push(c);
      s.editId = '';
      this.setData({
        categories: s.categories.map(categoryRow),
        categoryEditing: false,
        templatesUnknown: false,
        categoryForm: emptyCategoryForm(),
        categorySaved: c.active ? `已保存分类：${c.name}` : `已保存并停用分类：${c.name}（居民不再看到）`,
      });
    },
  },
});
