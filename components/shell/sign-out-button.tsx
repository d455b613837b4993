'use client';
import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: '/signin' })}
      className="text-xs font-medium text-slate-600 hover:text-indigo-700"
    >
      Sign out
    </button>
  );
}
