import type { CommitmentDocument, DocumentPart } from '../../shared/document/model';

/** One part of the letter on screen, from the same model as the PDF. */
export function DocumentPartView({ part }: { readonly part: DocumentPart }) {
  return (
    <>
      <h2 className="doc-heading">{part.heading}</h2>
      {part.blocks.map((block, i) => {
        switch (block.kind) {
          case 'paragraph':
            return (
              <p key={i} className="doc-paragraph">
                {block.text}
              </p>
            );
          case 'field':
            return (
              <p key={i} className="doc-field">
                <span className="doc-label">{block.label}</span>
                <span className="doc-value">{block.value}</span>
              </p>
            );
          case 'list':
            return (
              <div key={i}>
                {block.label && <p className="doc-list-label">{block.label}</p>}
                <ol className="doc-list">
                  {block.items.map((item, j) => (
                    <li key={j}>{item}</li>
                  ))}
                </ol>
              </div>
            );
          case 'signature':
          case 'seal':
            return (
              <p key={i} className="doc-field">
                <span className="doc-label">{block.label}</span>
              </p>
            );
        }
      })}
    </>
  );
}

/** The whole letter, read-only (clerk detail, review). */
export function DocumentView({ document }: { readonly document: CommitmentDocument }) {
  return (
    <article className="doc" lang={document.language}>
      <h1 className="doc-title">{document.title}</h1>
      {document.parts.map((part) => (
        <section key={part.id} className="doc-part">
          <DocumentPartView part={part} />
        </section>
      ))}
    </article>
  );
}
