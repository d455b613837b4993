import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-3 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="text-2xl font-semibold">Nothing here</h1>
      <p className="text-sm text-slate-600">The page does not exist, or the project is not one of yours.</p>
      <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline">
        Go to your start page
      </Link>
    </main>
  );
}
