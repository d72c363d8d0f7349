// The editor's sign-in: a token pasted into the form is checked with a
// read only editors may make, then sent as a bearer token with every
// request. It is kept in sessionStorage alone (gone when the tab closes),
// never in localStorage or a cookie, so that no other tab or later visit
// inherits it. Sign-in and permission errors are shown next to the form.
import { GraphQLRequestError, setBearerToken } from '../shared/graphql';
import { byId } from './dom';
import { checkSession } from './editorqueries';
import { t } from './i18n';

const STORAGE_KEY = 'kgraph.editorToken';

/** The error codes that are about the token rather than the edit. */
const AUTH_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

export class Session {
  private token: string | null = sessionStorage.getItem(STORAGE_KEY);
  private readonly menu = byId<HTMLDetailsElement>('session');
  private readonly input = byId<HTMLInputElement>('token');
  private readonly error = byId('session-error');

  constructor(private readonly onChange: (signedIn: boolean) => void) {
    setBearerToken(this.token);
    byId('signin-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.signIn(this.input.value.trim());
    });
    byId('sign-out').addEventListener('click', () => this.signOut());
    this.reflect();
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  /** Shows the session in the page's words (after a language change too). */
  reflect(): void {
    const signedIn = this.signedIn;
    byId('signin-form').hidden = signedIn;
    byId('signed-in').hidden = !signedIn;
    byId('session-summary').textContent = signedIn ? t('signedInShort') : t('signIn');
    document.body.dataset.editor = String(signedIn);
  }

  private async signIn(token: string): Promise<void> {
    this.showError('');
    if (!token) {
      this.showError(t('tokenMissing'));
      this.input.focus();
      return;
    }
    setBearerToken(token);
    try {
      await checkSession();
    } catch (err) {
      setBearerToken(this.token);
      this.showError(describeAuthError(err));
      this.input.focus();
      return;
    }
    this.token = token;
    sessionStorage.setItem(STORAGE_KEY, token);
    this.input.value = '';
    this.reflect();
    this.menu.open = false;
    this.onChange(true);
  }

  signOut(): void {
    this.token = null;
    sessionStorage.removeItem(STORAGE_KEY);
    setBearerToken(null);
    this.reflect();
    this.onChange(false);
  }

  /**
   * Shows an authentication or permission error of a request next to the
   * sign-in, and reports whether err was one. A token the server no longer
   * takes is dropped: the editor signs in again.
   */
  handle(err: unknown): boolean {
    if (!(err instanceof GraphQLRequestError) || !AUTH_CODES.has(err.code ?? '')) return false;
    if (err.code === 'UNAUTHENTICATED') this.signOut();
    this.showError(describeAuthError(err));
    this.menu.open = true;
    return true;
  }

  private showError(text: string): void {
    this.error.textContent = text;
    this.error.hidden = text === '';
    this.input.setAttribute('aria-invalid', String(text !== ''));
  }
}

function describeAuthError(err: unknown): string {
  if (err instanceof GraphQLRequestError) {
    if (err.code === 'UNAUTHENTICATED') return t('unauthenticated', { message: err.message });
    if (err.code === 'FORBIDDEN') return t('forbidden', { message: err.message });
    return err.message;
  }
  return String(err);
}
