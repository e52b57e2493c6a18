/** "?": the keys of the workspace, in the UI's language; Escape closes it and the focus goes back. */
import { Dialog } from './Dialog.tsx';
import { useI18n } from './i18n.tsx';
import { KIND_LOOKS, NODE_KIND_ORDER } from './kinds.ts';

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const rows: [string, string][] = [
    ...NODE_KIND_ORDER.map((kind): [string, string] => [KIND_LOOKS[kind].key, t(`Tilføj ${KIND_LOOKS[kind].da.toLowerCase()} (fokus går til titlen)`, `Add ${KIND_LOOKS[kind].en.toLowerCase()} (the focus goes to its title)`)]),
    ['Enter', t('I titlen: gem og gå tilbage til kortet', 'In the title: save and go back to the card')],
    ['Tab / Shift+Tab', t('Gå til næste / forrige kort, knap eller felt', 'Go to the next / previous card, button or field')],
    ['L', t('På et kort: forbind det (fokus går til »Forbind til …«; vælg kortet og tryk Enter)', 'On a card: link it (the focus goes to "Link to …"; pick the card and press Enter)')],
    ['F2', t('På et kort: ret titlen', 'On a card: edit the title')],
    [t('Piletaster', 'Arrow keys'), t('På et valgt kort: flyt det', 'On a selected card: move it')],
    ['Delete', t('Slet det valgte kort eller den valgte forbindelse', 'Delete the selected card or link')],
    ['Ctrl+Z', t('Fortryd dit seneste skridt', 'Undo your last step')],
    ['Ctrl+Shift+Z / Ctrl+Y', t('Gentag', 'Redo')],
    ['Escape', t('Luk en dialog eller menu; fjern valget', 'Close a dialog or menu; clear the selection')],
    ['?', t('Vis denne oversigt', 'Show this list')],
  ];
  return (
    <Dialog labelledBy="help-title" onClose={onClose} className="help" testId="help-dialog">
      <header>
        <h2 id="help-title">{t('Tastatur', 'Keyboard')}</h2>
        <button type="button" onClick={onClose}>{t('Luk', 'Close')}</button>
      </header>
      <p>{t('Alt kan gøres uden mus. I »Disposition« har hvert kort også en titel, »Forbind til …« og »Slet«.', 'Everything works without a mouse. In "Outline" every card also has its title, "Link to …" and "Delete".')}</p>
      <table className="keys">
        <thead><tr><th scope="col">{t('Tast', 'Key')}</th><th scope="col">{t('Gør', 'Does')}</th></tr></thead>
        <tbody>
          {rows.map(([key, what]) => (
            <tr key={key}><td><kbd>{key}</kbd></td><td>{what}</td></tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
