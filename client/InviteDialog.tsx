/**
 * Invite (facilitator only): the three links with labels and copy buttons, a QR code of the participant link
 * (drawn on a canvas by the qrcode package), and the short join code, shown large for the projector, which the
 * facilitator can create, replace and withdraw.
 */
import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlanLinks } from '../model/protocol.ts';
import type { PlanSession } from './connection.ts';
import { Dialog } from './Dialog.tsx';
import { useI18n } from './i18n.tsx';

function authed(session: PlanSession, path: string): string {
  return `/api/plans/${session.planId}${path}?token=${encodeURIComponent(session.token)}`;
}

/** The plan's three links and its join code, as the facilitator may read and change them. */
export function useInvite(session: PlanSession, enabled: boolean) {
  const [links, setLinks] = useState<PlanLinks | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    void fetch(authed(session, '/links')).then(async (res) => (res.ok ? setLinks(((await res.json()) as { links: PlanLinks }).links) : setError(((await res.json()) as { error: string }).error)));
    void fetch(authed(session, '/join-code')).then(async (res) => res.ok && setCode(((await res.json()) as { code: string | null }).code));
  }, [enabled, session]);
  const changeCode = useCallback(async (method: 'POST' | 'DELETE') => {
    const res = await fetch(authed(session, '/join-code'), { method });
    const body = (await res.json()) as { code?: string | null; error?: string };
    if (res.ok) setCode(body.code ?? null);
    else setError(body.error ?? String(res.status));
  }, [session]);
  return { links, code, error, changeCode };
}

/** An address only this computer reaches: localhost, 127.x.x.x, ::1, 0.0.0.0. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0';
}

/** "ABC123" → "ABC 123": easier to read off a wall. */
export function spacedCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

function QrCanvas({ text, size }: { text: string; size: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) void QRCode.toCanvas(ref.current, text, { width: size, margin: 1, errorCorrectionLevel: 'M' });
  }, [text, size]);
  return <canvas ref={ref} width={size} height={size} className="qr" />;
}

function CopyLink({ label, hint, link }: { label: string; hint: string; link: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // no clipboard (http, old browser): the field is selected for Ctrl+C instead
      document.getElementById(`link-${label}`)?.focus();
    }
  };
  return (
    <div className="invite-link">
      <label htmlFor={`link-${label}`}><strong>{label}</strong> <span className="muted">{hint}</span></label>
      <div className="row">
        <input id={`link-${label}`} readOnly value={link} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()} aria-label={t(`Kopiér linket for ${label}`, `Copy the ${label} link`)}>
          {copied ? t('Kopieret ✓', 'Copied ✓') : t('Kopiér', 'Copy')}
        </button>
      </div>
    </div>
  );
}

export function InviteDialog({ session, onClose }: { session: PlanSession; onClose: () => void }) {
  const { t } = useI18n();
  const { links, code, error, changeCode } = useInvite(session, true);
  return (
    <Dialog labelledBy="invite-title" onClose={onClose} className="invite" testId="invite-dialog">
        <header>
          <h2 id="invite-title">{t('Invitér til planen', 'Invite to the plan')}</h2>
          <button type="button" onClick={onClose}>{t('Luk', 'Close')}</button>
        </header>
        {error && <p role="alert" className="field-error">{error}</p>}
        {links && isLoopbackHost(new URL(links.participant).hostname) && (
          <p className="warning" data-testid="loopback-warning">
            {t(`Linkene peger på ${new URL(links.participant).host}, som kun denne computer kan nå: telefoner og andre computere kan ikke åbne dem. Start serveren med indstillingen PUBLIC_URL sat til den adresse, de andre når den på (fx PUBLIC_URL=http://192.168.1.20:8080), eller åbn planen via den adresse.`,
              `The links point to ${new URL(links.participant).host}, which only this computer can reach: phones and other computers cannot open them. Start the server with the setting PUBLIC_URL set to the address the others reach it at (e.g. PUBLIC_URL=http://192.168.1.20:8080), or open the plan through that address.`)}
          </p>
        )}
        {links && (
          <>
            <CopyLink label={t('Facilitator', 'Facilitator')} hint={t('(kan styre workshoppen — del det kun med medfacilitatorer)', '(runs the workshop — share only with co-facilitators)')} link={links.facilitator} />
            <CopyLink label={t('Deltager', 'Participant')} hint={t('(kan tilføje og ændre kort)', '(can add and change cards)')} link={links.participant} />
            <CopyLink label={t('Læser', 'Viewer')} hint={t('(kan kun se)', '(can only look)')} link={links.viewer} />
          </>
        )}
        <div className="invite-join">
          <div>
            <h3>{t('Deltag med telefonen', 'Join by phone')}</h3>
            {code ? (
              <>
                <p>{t('Gå til', 'Go to')} <strong>{links ? new URL(links.participant).host : window.location.host}/j</strong> {t('og skriv koden', 'and type the code')}</p>
                <p className="join-code" data-testid="join-code" aria-label={t(`Koden er ${code}`, `The code is ${code}`)}>{spacedCode(code)}</p>
                <div className="row">
                  <button type="button" onClick={() => void changeCode('POST')}>{t('Ny kode', 'New code')}</button>
                  <button type="button" onClick={() => void changeCode('DELETE')}>{t('Træk koden tilbage', 'Withdraw the code')}</button>
                </div>
              </>
            ) : (
              <button type="button" className="primary" onClick={() => void changeCode('POST')} data-testid="join-code-create">{t('Lav en kode til telefonerne', 'Make a code for the phones')}</button>
            )}
          </div>
          {links?.participant && (
            <figure>
              <QrCanvas text={links!.participant} size={220} />
              <figcaption className="muted">{t('Scan for at deltage', 'Scan to join')}</figcaption>
            </figure>
          )}
        </div>
    </Dialog>
  );
}
