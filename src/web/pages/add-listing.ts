// "Add a listing": paste a page or upload a file, see what was parsed and what saving would
// add, then save it.
import { api, describeError, type ListingReport } from '../api.ts';
import { announce, errorBox } from '../components.ts';
import { count, h, hashLink, replaceChildren } from '../dom.ts';
import { setTitle, type PageContext } from '../page.ts';
import { FORMATS, type FormatName } from '../../types.ts';
import type { ListingUpload } from '../../server/schemas.ts';

function reportView(report: ListingReport): HTMLElement {
  const parsedAs = `${report.format}${report.fromHtml ? ' (from an HTML page)' : ''}`;
  const facts: [string, string][] = [
    ['Papers', String(report.count)],
    ['Format', parsedAs],
    ['Without abstract', String(report.withoutAbstract)],
  ];
  if (!report.alreadyInLibrary) {
    facts.push(['New to the library', String(report.newPapers)], ['Already in the library', String(report.mergedPapers)], ['Possible other versions', String(report.versionLinks)]);
  }
  const meta = Object.entries(report.meta).map(([key, value]) => `${key}: ${value}`);
  return h(
    'section',
    { class: 'report', 'aria-label': report.saved ? 'saved listing' : 'preview' },
    h(
      'p',
      { class: report.saved ? 'notice success' : 'notice', role: 'status' },
      report.saved
        ? ['Saved as listing ', h('strong', null, report.listing!.name), '. ']
        : report.alreadyInLibrary
          ? ['This file is already in the library as ', h('strong', null, report.listing!.name), ': saving adds nothing.']
          : ['Preview: nothing is stored until you save. It is saved as ', h('strong', { id: 'listing-saved-as' }, report.name), ' (change it under "Name, format and labels").'],
      report.listing ? [' ', h('a', { href: hashLink('search', { listing: report.listing.name }) }, 'Browse its papers'), ' · ', h('a', { href: hashLink('plan', { listing: report.listing.name }) }, 'Plan this session')] : null,
    ),
    h('dl', { class: 'facts' }, facts.map(([term, value]) => h('div', null, h('dt', null, term), h('dd', null, value)))),
    meta.length > 0 ? h('p', { class: 'muted' }, `The page says: ${meta.join(' · ')}`) : null,
    report.warnings.length > 0 ? h('ul', { class: 'warnings' }, report.warnings.map((warning) => h('li', null, warning))) : null,
    h(
      'table',
      { class: 'parsed' },
      h('caption', null, report.count > report.papers.length ? `The first ${report.papers.length} of ${count(report.count, 'paper')}` : 'As parsed'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Authors'), h('th', { scope: 'col' }, 'Abstract'))),
      h(
        'tbody',
        null,
        report.papers.map((paper, index) =>
          h(
            'tr',
            null,
            h('td', { class: 'number' }, index + 1),
            h('td', null, paper.title, paper.titleDerived ? h('span', { class: 'muted' }, ' (derived)') : null),
            h('td', null, paper.authors.join(', ')),
            h('td', { class: paper.hasAbstract ? '' : 'missing' }, paper.hasAbstract ? 'yes' : 'none'),
          ),
        ),
      ),
    ),
  );
}

export async function addListingPage({ main }: PageContext): Promise<void> {
  setTitle('Add a listing');
  let uploaded: { name: string; text: string } | undefined;
  const text = h('textarea', { id: 'listing-text', name: 'text', rows: '12', spellcheck: 'false', placeholder: 'Paste a poster-session page, a trending feed, a BibTeX export…' });
  const fileName = h('input', { id: 'listing-name', name: 'fileName', maxlength: '255', placeholder: 'from the page: venue, year, session' });
  const fileInfo = h('p', { class: 'muted', 'aria-live': 'polite' });
  const file = h('input', {
    id: 'listing-file',
    type: 'file',
    on: {
      change: async () => {
        const chosen = file.files?.[0];
        uploaded = chosen ? { name: chosen.name, text: await chosen.text() } : undefined;
        if (uploaded) fileName.value = uploaded.name;
        text.disabled = uploaded !== undefined;
        fileInfo.textContent = uploaded ? `${uploaded.name}: ${count(uploaded.text.length, 'character')} read; it is used instead of pasted text.` : '';
      },
    },
  });
  const format = h('select', { id: 'listing-format', name: 'format' }, h('option', { value: '' }, 'detect automatically'), FORMATS.map((f) => h('option', { value: f }, f)));
  const venue = h('input', { id: 'listing-venue', name: 'venue', maxlength: '200' });
  const year = h('input', { id: 'listing-year', name: 'year', type: 'number', min: '1900', max: '2100', inputmode: 'numeric' });
  const session = h('input', { id: 'listing-session', name: 'session', maxlength: '200' });
  const outcome = h('div', { id: 'listing-outcome' });
  const saveButton = h('button', { type: 'button', class: 'primary', disabled: true, id: 'save-listing' }, 'Save to library');

  const upload = (): ListingUpload | undefined => {
    const body = uploaded?.text ?? text.value;
    if (!body.trim()) return undefined;
    return {
      fileName: fileName.value.trim().replace(/[/\\]/g, '-') || undefined,
      text: body,
      format: (format.value || undefined) as FormatName | undefined,
      venue: venue.value.trim() || undefined,
      year: year.value ? Number(year.value) : undefined,
      session: session.value.trim() || undefined,
    };
  };
  const run = async (action: 'preview' | 'save', button: HTMLButtonElement) => {
    const request = upload();
    if (!request) {
      replaceChildren(outcome, errorBox('Paste a listing or choose a file first.'));
      return;
    }
    button.disabled = true;
    replaceChildren(outcome, h('p', { class: 'muted' }, action === 'save' ? 'Saving…' : 'Reading…'));
    try {
      const report = action === 'save' ? await api.saveListing(request) : await api.previewListing(request);
      replaceChildren(outcome, reportView(report));
      saveButton.disabled = report.saved || report.alreadyInLibrary;
      announce(report.saved ? `Saved ${count(report.count, 'paper')}.` : `Parsed ${count(report.count, 'paper')}.`);
    } catch (error) {
      replaceChildren(outcome, errorBox(describeError(error)));
      saveButton.disabled = true;
    } finally {
      if (action === 'preview') button.disabled = false;
    }
  };
  saveButton.addEventListener('click', () => void run('save', saveButton));
  // Any change after a preview needs a new preview before saving.
  const invalidate = () => {
    saveButton.disabled = true;
  };
  const field = (label: string, control: HTMLElement, hint?: string) =>
    h('label', { class: 'field', for: control.id }, h('span', null, label), control, hint ? h('small', { class: 'muted' }, hint) : null);

  const form = h(
    'form',
    {
      class: 'add-listing',
      on: {
        submit: (event) => {
          event.preventDefault();
          void run('preview', (event as SubmitEvent).submitter as HTMLButtonElement);
        },
        input: invalidate,
        change: invalidate,
      },
    },
    h('label', { for: 'listing-text' }, 'Paste the listing'),
    text,
    h('div', { class: 'or' }, field('…or upload a file', file), fileInfo),
    h(
      'details',
      null,
      h('summary', null, 'Name, format and labels'),
      h(
        'div',
        { class: 'filters' },
        field('Listing name', fileName, 'empty: named by what the page says'),
        field('Format', format),
        field('Venue', venue, 'e.g. ICLR'),
        field('Year', year),
        field('Session', session, 'e.g. Poster Session 3'),
      ),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'preview-listing' }, 'Preview'), saveButton),
  );
  replaceChildren(
    main,
    h('h1', { tabindex: '-1' }, 'Add a listing'),
    h('p', { class: 'lead' }, 'Copy a poster-session page or a trending feed from your browser (select all, copy) and paste it here, or upload any file paperscout reads: HTML pages, BibTeX, RIS, paperlists or OpenReview JSON, arXiv Atom, JSON Lines, CSV.'),
    form,
    outcome,
  );
}
