import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-3 text-center">
      <p className="text-sm font-semibold text-red-700">403 · Forbidden</p>
      <h1 className="text-2xl font-semibold">Your role cannot open this page</h1>
      <p className="text-sm text-slate-600">Ask a project admin for a different role if you need it.</p>
      <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline">
        Go to your start page
      </Link>
    </main>
  );
}
